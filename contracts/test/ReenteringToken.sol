// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReenteringToken
/// @notice Test token that, once armed, calls `target` with `payload` in the middle of every
///         transfer: a malicious LP token trying to re-enter the farm. The re-entrant call's
///         revert reason is bubbled up so tests can see what stopped it; what a successful call
///         returned is kept in `lastReturnData`, so a view can show what the farm's state looked
///         like halfway through one of its transfers.
contract ReenteringToken is ERC20 {
    /// @notice The contract the next transfer calls back (zero: disarmed).
    address public target;
    /// @notice The call the next transfer makes.
    bytes public payload;
    /// @notice What the last successful callback returned.
    bytes public lastReturnData;

    constructor() ERC20("Reentering", "REENTER") {}

    /// @notice Mints `amount` to `to`; anyone may call (test token).
    /// @param to Recipient.
    /// @param amount Amount in wei.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the attack: every later transfer calls `target_` with `payload_`.
    /// @param target_ Contract to call back (the farm).
    /// @param payload_ ABI-encoded call.
    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address callee = target;
        if (callee == address(0) || from == address(0)) return;
        target = address(0); // one shot, so the attack cannot recurse forever
        // A raw call and a verbatim revert are this token's whole purpose: to be a hostile LP token.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = callee.call(payload);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(returned, 32), mload(returned))
            }
        }
        lastReturnData = returned;
    }
}
