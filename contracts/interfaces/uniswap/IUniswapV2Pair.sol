// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {IUniswapV2PairReserves} from "../IUniswapV2PairReserves.sol";

/// @title IUniswapV2Pair
/// @notice The Uniswap V2 pair functions the zap needs beyond ERC20 (the official interface is pinned
///         to solc 0.5.16).
interface IUniswapV2Pair is IUniswapV2PairReserves {
    /// @notice The pair's first token (the lower address).
    /// @return The token's address.
    function token0() external view returns (address);

    /// @notice The pair's second token (the higher address).
    /// @return The token's address.
    function token1() external view returns (address);

    /// @notice Burns the LP the pair holds (sent to it beforehand) and sends `to` both tokens'
    ///         shares of it.
    /// @param to Receives the tokens.
    /// @return amount0 Token0 sent. @return amount1 Token1 sent.
    function burn(address to) external returns (uint256 amount0, uint256 amount1);
}
