// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IWETH
/// @notice Wrapped ether (WETH9): ETH in, the same amount of an ERC20 out, and back.
interface IWETH is IERC20 {
    /// @notice Wraps the ETH sent into as much WETH for the caller.
    function deposit() external payable;

    /// @notice Unwraps `amount` of the caller's WETH and sends it the ETH.
    /// @param amount Amount in wei.
    function withdraw(uint256 amount) external;
}
