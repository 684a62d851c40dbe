// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {IPartnerRewarder} from "./IPartnerRewarder.sol";

/// @title IFarmPartners
/// @notice The farm's side of partner rewards (IPartnerRewarder): the rewarder it deployed, and
///         the pools where it tells that rewarder about each staker's actions.
/// @dev The rewarder is created by the farm's constructor and fixed for good, so no later choice
///      of anyone's can put code between a staker and its exit. A pool with partner rewards costs
///      its stakers the rewarder's call on each action; a pool without costs them nothing more.
interface IFarmPartners {
    /// @notice Pool `pid` carries partner rewards from now on (its first stream was funded).
    /// @param pid Pool id.
    event PartnerRewardsEnabled(uint256 indexed pid);

    /// @notice Only the farm's partner rewarder may do this.
    error NotPartnerRewarder(address caller);

    /// @notice The partner rewarder this farm deployed and reports its stakers' actions to.
    function partnerRewarder() external view returns (IPartnerRewarder);

    /// @notice Enables partner rewards on pool `pid`: the rewarder, when the pool's first stream
    ///         is funded.
    /// @param pid Pool id.
    function enablePartnerRewards(uint256 pid) external;
}
