// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IRewardToken
/// @notice What the farm needs from its reward token: a capped supply that only the farm can mint.
interface IRewardToken is IERC20 {
    /// @notice The only account allowed to mint, fixed at deployment.
    function minter() external view returns (address);

    /// @notice The hard ceiling on total supply.
    function cap() external view returns (uint256);

    /// @notice Mints `amount` to `to`; only the minter may call.
    /// @param to Recipient of the new tokens.
    /// @param amount Number of tokens (in wei) to mint.
    function mint(address to, uint256 amount) external;
}
