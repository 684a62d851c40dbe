// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {IRewardToken} from "../interfaces/IRewardToken.sol";

/// @title ReenteringRewardToken
/// @notice Test reward token that, once armed, calls `target` with `payload` in the middle of the
///         next mint: a reward token trying to re-enter the farm while the farm pays a reward.
///         The re-entrant call's revert reason is bubbled up so tests can see what stopped it.
contract ReenteringRewardToken is ERC20, IRewardToken {
    /// @inheritdoc IRewardToken
    address public immutable minter;
    /// @inheritdoc IRewardToken
    uint256 public immutable cap;
    /// @notice The contract the next mint calls back (zero: disarmed).
    address public target;
    /// @notice The call the next mint makes.
    bytes public payload;

    /// @notice `caller` tried to mint but is not the minter.
    error UnauthorizedMinter(address caller);

    /// @notice Deploys the token with nothing minted, disarmed.
    /// @param cap_ Supply cap (reported only; the farm clamps its emission to it).
    /// @param minter_ The farm.
    constructor(uint256 cap_, address minter_) ERC20("Reentering Reward", "RRWD") {
        cap = cap_;
        minter = minter_;
    }

    /// @notice Arms the attack: the next mint calls `target_` with `payload_`.
    /// @param target_ Contract to call back (the farm).
    /// @param payload_ ABI-encoded call.
    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    /// @inheritdoc IRewardToken
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert UnauthorizedMinter(msg.sender);
        _mint(to, amount);
        address callee = target;
        if (callee == address(0)) return;
        target = address(0); // one shot
        // A raw call and a verbatim revert are this token's whole purpose: to be a hostile reward token.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory reason) = callee.call(payload);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
    }
}
