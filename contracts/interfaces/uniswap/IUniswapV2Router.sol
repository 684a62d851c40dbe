// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

/// @title IUniswapV2Router
/// @notice The part of UniswapV2Router02 the zap calls (the official interface is pinned to solc
///         0.6.6; the deployed contract is the official build).
interface IUniswapV2Router {
    /// @notice The factory whose pairs the router trades.
    /// @return The factory's address.
    function factory() external pure returns (address);

    /// @notice The wrapped ether token the router's ETH functions use.
    /// @return The WETH9 address.
    function WETH() external pure returns (address); // solhint-disable-line func-name-mixedcase

    /// @notice Adds liquidity to the pair of `tokenA` and `tokenB` at its current price, taking at
    ///         most the desired amounts from the caller, and mints the LP to `to`.
    /// @param tokenA One token. @param tokenB The other token.
    /// @param amountADesired Most of `tokenA` to add. @param amountBDesired Most of `tokenB` to add.
    /// @param amountAMin Least of `tokenA` to add. @param amountBMin Least of `tokenB` to add.
    /// @param to Receives the LP. @param deadline Unix time after which the call reverts.
    /// @return amountA `tokenA` added. @return amountB `tokenB` added. @return liquidity LP minted.
    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity);

    /// @notice Burns `liquidity` of the caller's LP and sends both tokens to `to`.
    /// @param tokenA One token. @param tokenB The other token.
    /// @param liquidity LP to burn.
    /// @param amountAMin Least of `tokenA` to receive. @param amountBMin Least of `tokenB` to receive.
    /// @param to Receives the tokens. @param deadline Unix time after which the call reverts.
    /// @return amountA `tokenA` sent. @return amountB `tokenB` sent.
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB);

    /// @notice Swaps exactly `amountIn` of `path[0]` along `path`, sending the last token to `to`.
    /// @param amountIn Amount of `path[0]` taken from the caller.
    /// @param amountOutMin Least of the last token to receive.
    /// @param path Tokens, each adjacent two a pair of the factory.
    /// @param to Receives the output. @param deadline Unix time after which the call reverts.
    /// @return amounts The amount at each step of `path`.
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);
}
