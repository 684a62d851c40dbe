// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

/// @title IUniswapV2PairReserves
/// @notice The one Uniswap V2 pair view the lens needs that ERC20 does not have (the official
///         interface is pinned to solc 0.5.16).
interface IUniswapV2PairReserves {
    /// @notice The pair's reserves and the time they were last updated.
    /// @return reserve0 Reserve of token0.
    /// @return reserve1 Reserve of token1.
    /// @return blockTimestampLast Timestamp of the last update, mod 2^32.
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
}
