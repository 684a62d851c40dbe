// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

/// @title IFarmZap
/// @notice One transaction from a single token (or ETH) to a staked position in a farm pool, from a
///         staked position back to one token (or both), and from rewards to more stake.
/// @dev The zap works over the Uniswap V2 router and factory the farm's pools were made with, and
///      only for pools whose LP token is that factory's pair. It holds nothing between
///      transactions: every leftover goes back to the caller in the same transaction. It acts only
///      for its caller: zap out and compound need the caller's approval as a farm operator
///      (IFarmOperators.setOperator), and move only the caller's stake and rewards.
///      Fee-on-transfer input tokens are refused (`FeeOnTransferToken`): the single-sided swap
///      amount is exact only for what the pair receives.
interface IFarmZap {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `user` turned `amountIn` of `tokenIn` (address(0): ETH) into `liquidity` LP staked in
    ///         pool `pid`; `leftover0`/`leftover1` of the pair's tokens went back to `user`.
    /// @param user The caller, for whom the LP was staked.
    /// @param pid Pool id.
    /// @param tokenIn The token taken (address(0): ETH).
    /// @param amountIn Amount taken.
    /// @param liquidity LP staked.
    /// @param leftover0 Token0 the pair did not take, returned (as ETH where token0 is WETH and the input ETH).
    /// @param leftover1 Token1 the pair did not take, returned (likewise).
    event ZappedIn(
        address indexed user,
        uint256 indexed pid,
        address tokenIn,
        uint256 amountIn,
        uint256 liquidity,
        uint256 leftover0,
        uint256 leftover1
    );

    /// @notice `user` unstaked `liquidity` LP from pool `pid` and received `amount0` and `amount1` of
    ///         the pair's tokens (`zapOut`).
    /// @param user The caller, whose stake it was and who received the tokens.
    /// @param pid Pool id.
    /// @param liquidity LP unstaked and removed.
    /// @param amount0 Token0 received.
    /// @param amount1 Token1 received.
    event ZappedOut(address indexed user, uint256 indexed pid, uint256 liquidity, uint256 amount0, uint256 amount1);

    /// @notice `user` unstaked `liquidity` LP from pool `pid` and received `amountOut` of `tokenOut`
    ///         (address(0): ETH) (`zapOutTo`).
    /// @param user The caller, whose stake it was and who received the token.
    /// @param pid Pool id.
    /// @param liquidity LP unstaked and removed.
    /// @param tokenOut The token received (address(0): ETH).
    /// @param amountOut Amount received.
    event ZappedOutTo(
        address indexed user, uint256 indexed pid, uint256 liquidity, address tokenOut, uint256 amountOut
    );

    /// @notice `user` harvested `reward` from the pools it named and staked it as `liquidity` LP in
    ///         pool `pid`; `leftover0`/`leftover1` of the pair's tokens went back to `user`.
    /// @param user The caller, whose rewards they were and for whom the LP was staked.
    /// @param pid Pool id staked in.
    /// @param reward Reward harvested, in reward token wei.
    /// @param liquidity LP staked.
    /// @param leftover0 Token0 the pair did not take, returned.
    /// @param leftover1 Token1 the pair did not take, returned.
    event Compounded(
        address indexed user,
        uint256 indexed pid,
        uint256 reward,
        uint256 liquidity,
        uint256 leftover0,
        uint256 leftover1
    );

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Pool `pid`'s LP token is not a pair of the zap's factory.
    error NotAPair(uint256 pid, address lpToken);
    /// @notice `token` is not one of the pair's two tokens (address(0): the pair holds no WETH).
    error TokenNotInPair(address token, address pair);
    /// @notice The pair has no liquidity to price a swap against.
    error EmptyPair(address pair);
    /// @notice `token` delivered `received` of the `sent` it was asked to move.
    error FeeOnTransferToken(address token, uint256 sent, uint256 received);
    /// @notice `amount` was zero or too small to buy a wei in a swap, ETH was sent with a token input
    ///         (or missing for ETH, including to `zapInWithPermit`), or there was no reward to
    ///         compound.
    error InvalidAmount();
    /// @notice The result `amount` is below the caller's bound `minimum`.
    error InsufficientOutput(uint256 amount, uint256 minimum);
    /// @notice The deadline passed before the transaction was mined at `timestamp`.
    error Expired(uint256 deadline, uint256 timestamp);
    /// @notice The swap path does not go from the reward token to one of the pair's tokens.
    error InvalidPath();
    /// @notice ETH came from someone other than WETH.
    error UnexpectedEth();
    /// @notice Sending ETH to `to` failed.
    error EthTransferFailed(address to);
    /// @notice The permit for `token` was rejected and no allowance covers the amount.
    error PermitInvalid(address token);
    /// @notice A zap function was called again while one was still running.
    error ReentrancyGuardReentrantCall();

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Swaps the optimal part of `amountIn` of `tokenIn` into the pair's other token, adds
    ///         both as liquidity and stakes the LP for the caller in pool `pid`; leftovers go back.
    /// @param pid Pool id.
    /// @param tokenIn One of the pair's tokens, or address(0) for ETH (sent as `msg.value`, which
    ///        must equal `amountIn`; the pair must hold WETH).
    /// @param amountIn Amount of `tokenIn` taken from the caller (it must have approved the zap).
    /// @param minLiquidity Least LP to stake, or the zap reverts (`InsufficientOutput`).
    /// @param deadline Unix time after which the zap reverts (`Expired`).
    /// @return liquidity LP staked for the caller.
    function zapIn(uint256 pid, address tokenIn, uint256 amountIn, uint256 minLiquidity, uint256 deadline)
        external
        payable
        returns (uint256 liquidity);

    /// @notice `zapIn` from a token with an EIP-2612 permit for `amountIn` to the zap, valid until
    ///         `deadline`, in the same transaction (an allowance already in place also serves).
    /// @param pid Pool id.
    /// @param tokenIn One of the pair's tokens, with EIP-2612 `permit`.
    /// @param amountIn Amount of `tokenIn` taken from the caller: the permit's value.
    /// @param minLiquidity Least LP to stake, or the zap reverts (`InsufficientOutput`).
    /// @param deadline Unix time after which the zap reverts (`Expired`); also the permit's deadline.
    /// @param v Permit signature. @param r Permit signature. @param s Permit signature.
    /// @return liquidity LP staked for the caller.
    function zapInWithPermit(
        uint256 pid,
        address tokenIn,
        uint256 amountIn,
        uint256 minLiquidity,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 liquidity);

    /// @notice Unstakes `liquidity` of the caller's LP from pool `pid` (the zap must be its farm
    ///         operator), removes it from the pair and sends both tokens to the caller. The
    ///         caller's farm reward is paid to it by the farm, as by `withdraw`.
    /// @param pid Pool id.
    /// @param liquidity LP to unstake and remove.
    /// @param minAmount0 Least token0 to receive. @param minAmount1 Least token1 to receive.
    /// @param deadline Unix time after which the zap reverts.
    /// @return amount0 Token0 received.
    /// @return amount1 Token1 received.
    function zapOut(uint256 pid, uint256 liquidity, uint256 minAmount0, uint256 minAmount1, uint256 deadline)
        external
        returns (uint256 amount0, uint256 amount1);

    /// @notice As `zapOut`, then swaps the other token into `tokenOut` (one of the pair's tokens, or
    ///         address(0) for ETH where the pair holds WETH) and sends the caller that one token.
    /// @param pid Pool id.
    /// @param liquidity LP to unstake and remove.
    /// @param tokenOut The token to receive: one of the pair's, or address(0) for ETH.
    /// @param minAmountOut Least of `tokenOut` to receive, or the zap reverts (`InsufficientOutput`).
    /// @param deadline Unix time after which the zap reverts.
    /// @return amountOut Amount of `tokenOut` received.
    function zapOutTo(uint256 pid, uint256 liquidity, address tokenOut, uint256 minAmountOut, uint256 deadline)
        external
        returns (uint256 amountOut);

    /// @notice Harvests the caller's rewards from `pids` (the zap must be its farm operator), swaps
    ///         them along `path` to one of pool `pid`'s pair tokens, zaps that into the pair and
    ///         stakes the LP for the caller in pool `pid`. Leftovers go back to the caller.
    /// @param pids Pools to harvest.
    /// @param pid Pool to stake in.
    /// @param path From the reward token to a token of pool `pid`'s pair: `[rewardToken]` when the
    ///        pair holds the reward token.
    /// @param minLiquidity Least LP to stake, or the zap reverts (`InsufficientOutput`).
    /// @param deadline Unix time after which the zap reverts.
    /// @return liquidity LP staked for the caller.
    function compound(
        uint256[] calldata pids,
        uint256 pid,
        address[] calldata path,
        uint256 minLiquidity,
        uint256 deadline
    ) external returns (uint256 liquidity);

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The farm the zap stakes in.
    function farm() external view returns (address);

    /// @notice The Uniswap V2 router it swaps and adds liquidity through.
    function router() external view returns (address);
}
