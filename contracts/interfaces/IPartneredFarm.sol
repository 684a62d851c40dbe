// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {IFarm} from "./IFarm.sol";
import {IFarmLocks} from "./IFarmLocks.sol";
import {IFarmPartners} from "./IFarmPartners.sol";

/// @title IPartneredFarm
/// @notice The farm as its partner rewarder sees it: the staker's weight (IFarm's userInfo,
///         IFarmLocks' lockInfo), the pools it enables (IFarmPartners), and the two facts of
///         Ownable2Step and Pausable it follows.
interface IPartneredFarm is IFarm, IFarmLocks, IFarmPartners {
    /// @notice The farm's owner: it approves sponsors and is one.
    /// @return The owner's address.
    function owner() external view returns (address);

    /// @notice Whether the farm is paused: partner rewards then stay owed.
    /// @return True while paused.
    function paused() external view returns (bool);
}
