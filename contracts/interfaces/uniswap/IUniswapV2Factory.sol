// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

/// @title IUniswapV2Factory
/// @notice The Uniswap V2 factory views the zap needs (the official interface is pinned to solc
///         0.5.16; the deployed contract is the official build).
interface IUniswapV2Factory {
    /// @notice The pair of `tokenA` and `tokenB` (either order), or the zero address if none.
    /// @param tokenA One token.
    /// @param tokenB The other token.
    /// @return pair The pair's address.
    function getPair(address tokenA, address tokenB) external view returns (address pair);
}
