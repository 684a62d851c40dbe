// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title HostilePartnerToken
/// @notice Test partner token that can turn hostile on `transfer` (funding by `transferFrom` always
///         works): revert, return false without moving anything, burn all the gas it is given,
///         or call `target` with `payload` first (re-entry), reverting with what stopped it.
contract HostilePartnerToken is ERC20 {
    enum Mode {
        Honest,
        Revert,
        ReturnFalse,
        BurnGas,
        Reenter
    }

    /// @notice How the next transfers behave.
    Mode public mode;
    /// @notice What a re-entering transfer calls.
    address public target;
    /// @notice The call a re-entering transfer makes.
    bytes public payload;

    error TransferRefused();

    constructor() ERC20("Hostile", "HOST") {}

    /// @notice Mints `amount` to `to`; anyone may call (test token).
    /// @param to Recipient.
    /// @param amount Amount in wei.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Sets how transfers behave from now on.
    /// @param mode_ The behaviour.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Re-entry: every transfer first calls `target_` with `payload_`.
    /// @param target_ The contract to call back.
    /// @param payload_ The call to make.
    function setReentry(address target_, bytes calldata payload_) external {
        (mode, target, payload) = (Mode.Reenter, target_, payload_);
    }

    /// @inheritdoc ERC20
    function transfer(address to, uint256 value) public override returns (bool) {
        Mode current = mode;
        if (current == Mode.Revert) revert TransferRefused();
        if (current == Mode.ReturnFalse) return false;
        if (current == Mode.BurnGas) {
            uint256 spins;
            while (gasleft() > 0) ++spins; // burns every unit of gas it was given
        }
        if (current == Mode.Reenter) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory reason) = target.call(payload);
            if (!ok) {
                // solhint-disable-next-line no-inline-assembly
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
        return super.transfer(to, value);
    }
}
