// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title HostilePartnerToken
/// @notice Test partner token whose `transfer` (the rewarder's payments and reclaims) can be made
///         hostile, switchably: revert, return false, burn all the gas it is given, or re-enter the
///         rewarder or the farm (or call any target with any payload: `setReentry`). `transferFrom` (funding a stream) always works, so a sponsor can
///         fund a stream with it and switch it hostile afterwards. Never deployed outside tests.
contract HostilePartnerToken is ERC20 {
    enum Mode {
        Normal,
        Revert,
        ReturnFalse,
        BurnGas,
        ReenterRewarder,
        ReenterFarm,
        Reenter
    }

    /// @notice How `transfer` behaves now.
    Mode public mode;
    /// @notice The farm, which the ReenterFarm mode calls back.
    address public farm;
    /// @notice The farm's partner rewarder, which the ReenterRewarder mode calls back.
    address public rewarder;
    /// @notice What the Reenter mode calls, and with what.
    address public target;
    /// @notice The call the Reenter mode makes.
    bytes public payload;

    /// @notice The Revert mode's error.
    error TransferRefused();

    constructor() ERC20("Hostile Partner", "HOST") {}

    /// @notice Open faucet (test token).
    /// @param to Recipient.
    /// @param amount Amount in wei.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Names the farm and rewarder the re-entering modes call.
    /// @param farm_ The farm (its `harvest(0)` is called back).
    /// @param rewarder_ The partner rewarder (its `claim(0)` is called back).
    function setTargets(address farm_, address rewarder_) external {
        (farm, rewarder) = (farm_, rewarder_);
    }

    /// @notice Re-entry anywhere: every transfer first calls `target_` with `payload_`.
    /// @param target_ The contract to call back.
    /// @param payload_ The call to make.
    function setReentry(address target_, bytes calldata payload_) external {
        (mode, target, payload) = (Mode.Reenter, target_, payload_);
    }

    /// @notice Switches `transfer`'s behaviour.
    /// @param mode_ The new behaviour.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @inheritdoc ERC20
    function transfer(address to, uint256 amount) public override returns (bool) {
        Mode current = mode;
        if (current == Mode.Revert) revert TransferRefused();
        if (current == Mode.ReturnFalse) return false;
        if (current == Mode.BurnGas) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                invalid() // consumes every unit of gas the call was given
            }
        }
        if (current == Mode.ReenterRewarder) _call(rewarder, abi.encodeWithSignature("claim(uint256)", 0));
        if (current == Mode.ReenterFarm) _call(farm, abi.encodeWithSignature("harvest(uint256)", 0));
        if (current == Mode.Reenter) _call(target, payload);
        return super.transfer(to, amount);
    }

    /// @dev Calls `callee` and bubbles its revert: the transfer fails wherever the re-entry does.
    function _call(address callee, bytes memory data) private {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = callee.call(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
    }
}
