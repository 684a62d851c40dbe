// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IFarm} from "./interfaces/IFarm.sol";
import {IFarmOperators} from "./interfaces/IFarmOperators.sol";
import {IFarmZap} from "./interfaces/IFarmZap.sol";
import {IUniswapV2Factory} from "./interfaces/uniswap/IUniswapV2Factory.sol";
import {IUniswapV2Pair} from "./interfaces/uniswap/IUniswapV2Pair.sol";
import {IUniswapV2Router} from "./interfaces/uniswap/IUniswapV2Router.sol";
import {IWETH} from "./interfaces/uniswap/IWETH.sol";

/// @title FarmZap
/// @notice From one token or ETH to a staked farm position in one transaction, back again, and from
///         farm rewards to more stake. See IFarmZap.
/// @dev Swaps and liquidity added go through the Uniswap V2 router; LP removed goes from the farm
///      straight to its pair to burn (see `_unstakeAndBurn`). The zap checks that a pool's LP token
///      is its factory's pair before touching it. Each action starts with
///      the zap holding nothing and ends with it holding nothing: amounts are the ones this
///      transaction moved (never balances), and whatever the pair did not take goes back to the
///      caller. Only the caller's own stake and rewards are ever moved, by the farm's operator
///      functions with the caller as `user`.
contract FarmZap is IFarmZap {
    using SafeERC20 for IERC20;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    // Uniswap V2's 0.3% fee: a swap keeps 997 of every 1,000 wei it receives.
    uint256 private constant FEE_KEPT = 997;
    uint256 private constant FEE_SCALE = 1_000;

    address private immutable _farm;
    IUniswapV2Router private immutable _router;
    IUniswapV2Factory private immutable _factory;
    IWETH private immutable _weth;
    IERC20 private immutable _rewardToken;

    /// @dev Re-entrancy lock in transient storage, as in the farm (the language keyword rather than
    ///      OpenZeppelin's ReentrancyGuardTransient, whose inline `tstore` makes solc warn).
    uint256 private transient _entered;

    /// @dev A pool's pair, checked against the factory.
    struct Pair {
        address lp;
        address token0;
        address token1;
    }

    modifier nonReentrant() {
        if (_entered != 0) revert ReentrancyGuardReentrantCall();
        _entered = 1;
        _;
        _entered = 0;
    }

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the zap for `farm_` over `router_` (its factory and WETH come from it).
    /// @param farm_ The farm to stake in; it must implement IFarm and IFarmOperators.
    /// @param router_ The Uniswap V2 router whose factory made the farm's pairs.
    constructor(address farm_, IUniswapV2Router router_) {
        _farm = farm_;
        _router = router_;
        _factory = IUniswapV2Factory(router_.factory());
        _weth = IWETH(router_.WETH());
        _rewardToken = IERC20(IFarm(farm_).rewardToken());
    }

    /// @notice Takes ETH only from WETH, when the zap unwraps; anything else would be stranded.
    receive() external payable {
        if (msg.sender != address(_weth)) revert UnexpectedEth();
    }

    /*//////////////////////////////////////////////////////////////
                                ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IFarmZap
    function zapIn(uint256 pid, address tokenIn, uint256 amountIn, uint256 minLiquidity, uint256 deadline)
        external
        payable
        nonReentrant
        returns (uint256 liquidity)
    {
        _checkDeadline(deadline);
        Pair memory pair = _pair(pid);
        if (tokenIn == address(0)) {
            if (amountIn == 0 || msg.value != amountIn) revert InvalidAmount();
            _requireInPair(address(_weth), address(0), pair);
            _weth.deposit{value: amountIn}();
        } else {
            if (amountIn == 0 || msg.value != 0) revert InvalidAmount();
            _requireInPair(tokenIn, tokenIn, pair);
            _pull(tokenIn, amountIn);
        }
        liquidity = _zapIn(pid, pair, tokenIn, amountIn, minLiquidity, deadline);
    }

    /// @inheritdoc IFarmZap
    function zapInWithPermit(
        uint256 pid,
        address tokenIn,
        uint256 amountIn,
        uint256 minLiquidity,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint256 liquidity) {
        _checkDeadline(deadline);
        Pair memory pair = _pair(pid);
        // ETH has no permit, and none can be sent here.
        if (amountIn == 0 || tokenIn == address(0)) revert InvalidAmount();
        _requireInPair(tokenIn, tokenIn, pair);
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(tokenIn).permit(msg.sender, address(this), amountIn, deadline, v, r, s) {}
        catch {
            // Anyone can submit a signed permit first; the allowance it set serves just as well.
            if (IERC20(tokenIn).allowance(msg.sender, address(this)) < amountIn) revert PermitInvalid(tokenIn);
        }
        _pull(tokenIn, amountIn);
        liquidity = _zapIn(pid, pair, tokenIn, amountIn, minLiquidity, deadline);
    }

    /// @inheritdoc IFarmZap
    function zapOut(uint256 pid, uint256 liquidity, uint256 minAmount0, uint256 minAmount1, uint256 deadline)
        external
        nonReentrant
        returns (uint256 amount0, uint256 amount1)
    {
        _checkDeadline(deadline);
        if (liquidity == 0) revert InvalidAmount();
        Pair memory pair = _pair(pid);
        (amount0, amount1) = _unstakeAndBurn(pid, pair, liquidity, msg.sender);
        if (amount0 < minAmount0) revert InsufficientOutput(amount0, minAmount0);
        if (amount1 < minAmount1) revert InsufficientOutput(amount1, minAmount1);
        emit ZappedOut(msg.sender, pid, liquidity, amount0, amount1);
    }

    /// @inheritdoc IFarmZap
    function zapOutTo(uint256 pid, uint256 liquidity, address tokenOut, uint256 minAmountOut, uint256 deadline)
        external
        nonReentrant
        returns (uint256 amountOut)
    {
        _checkDeadline(deadline);
        if (liquidity == 0) revert InvalidAmount();
        Pair memory pair = _pair(pid);
        address out = tokenOut == address(0) ? address(_weth) : tokenOut;
        _requireInPair(out, tokenOut, pair);
        (uint256 amount0, uint256 amount1) = _unstakeAndBurn(pid, pair, liquidity, address(this));
        (address other, uint256 otherAmount, uint256 kept) =
            out == pair.token0 ? (pair.token1, amount1, amount0) : (pair.token0, amount0, amount1);
        // The swap pays a token straight to the caller; ETH comes to the zap as WETH to unwrap.
        address recipient = tokenOut == address(0) ? address(this) : msg.sender;
        // The pair refuses a burn that pays nothing of either token, so there is always some to swap.
        amountOut = kept + _swap(other, out, otherAmount, recipient, deadline);
        if (amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);
        emit ZappedOutTo(msg.sender, pid, liquidity, tokenOut, amountOut);
        _send(tokenOut, tokenOut == address(0) ? amountOut : kept);
    }

    /// @inheritdoc IFarmZap
    function compound(
        uint256[] calldata pids,
        uint256 pid,
        address[] calldata path,
        uint256 minLiquidity,
        uint256 deadline
    ) external nonReentrant returns (uint256 liquidity) {
        _checkDeadline(deadline);
        Pair memory pair = _pair(pid);
        uint256 hops = path.length;
        if (hops == 0 || path[0] != address(_rewardToken)) revert InvalidPath();
        address tokenIn = path[hops - 1];
        if (tokenIn != pair.token0 && tokenIn != pair.token1) revert InvalidPath();
        for (uint256 i = 1; i < hops; ++i) {
            // The router would call a pair that does not exist and revert with no reason.
            if (_factory.getPair(path[i - 1], path[i]) == address(0)) revert InvalidPath();
        }

        uint256 balanceBefore = _rewardToken.balanceOf(address(this));
        IFarmOperators(_farm).harvestAllFor(pids, msg.sender, address(this));
        uint256 reward = _rewardToken.balanceOf(address(this)) - balanceBefore;
        if (reward == 0) revert InvalidAmount();

        uint256 amountIn = reward;
        if (hops > 1) {
            _approveOnce(address(_rewardToken), address(_router), reward);
            amountIn = _router.swapExactTokensForTokens(reward, 0, path, address(this), deadline)[hops - 1];
        }
        uint256 leftover0;
        uint256 leftover1;
        (liquidity, leftover0, leftover1) = _addAndStake(pid, pair, tokenIn, amountIn, minLiquidity, deadline);
        emit Compounded(msg.sender, pid, reward, liquidity, leftover0, leftover1);
        _send(pair.token0, leftover0);
        _send(pair.token1, leftover1);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IFarmZap
    function farm() external view returns (address) {
        return _farm;
    }

    /// @inheritdoc IFarmZap
    function router() external view returns (address) {
        return address(_router);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev The rest of `zapIn` once `amountIn` of `tokenIn` (address(0): ETH, now WETH) is here.
    function _zapIn(
        uint256 pid,
        Pair memory pair,
        address tokenIn,
        uint256 amountIn,
        uint256 minLiquidity,
        uint256 deadline
    ) private returns (uint256 liquidity) {
        address token = tokenIn == address(0) ? address(_weth) : tokenIn;
        uint256 leftover0;
        uint256 leftover1;
        (liquidity, leftover0, leftover1) = _addAndStake(pid, pair, token, amountIn, minLiquidity, deadline);
        emit ZappedIn(msg.sender, pid, tokenIn, amountIn, liquidity, leftover0, leftover1);
        // ETH in, ETH back: the WETH leftover is unwrapped for the caller.
        _send(token == pair.token0 ? tokenIn : pair.token0, leftover0);
        _send(token == pair.token1 ? tokenIn : pair.token1, leftover1);
    }

    /// @dev Swaps the share of `amountIn` of `tokenIn` (held by the zap) that leaves the rest and
    ///      the swap's output in the pair's new ratio, adds both, stakes the LP for the caller in
    ///      pool `pid`, and returns the LP and what the pair did not take of each token.
    function _addAndStake(
        uint256 pid,
        Pair memory pair,
        address tokenIn,
        uint256 amountIn,
        uint256 minLiquidity,
        uint256 deadline
    ) private returns (uint256 liquidity, uint256 leftover0, uint256 leftover1) {
        bool inIsToken0 = tokenIn == pair.token0;
        address other = inIsToken0 ? pair.token1 : pair.token0;
        (uint256 reserve0, uint256 reserve1,) = IUniswapV2Pair(pair.lp).getReserves();
        // A pair's reserves are both zero or both positive: a swap never takes a whole reserve.
        if (reserve0 == 0) revert EmptyPair(pair.lp);
        (uint256 reserveIn, uint256 reserveOut) = inIsToken0 ? (reserve0, reserve1) : (reserve1, reserve0);
        uint256 swapIn = _swapAmount(amountIn, reserveIn);
        // Too little to buy a wei of the other token.
        if (_amountOut(swapIn, reserveIn, reserveOut) == 0) revert InvalidAmount();
        uint256 swapOut = _swap(tokenIn, other, swapIn, address(this), deadline);

        _approveOnce(other, address(_router), swapOut);
        (uint256 usedIn, uint256 usedOut, uint256 minted) =
            _router.addLiquidity(tokenIn, other, amountIn - swapIn, swapOut, 0, 0, address(this), deadline);
        if (minted < minLiquidity) revert InsufficientOutput(minted, minLiquidity);
        liquidity = minted;
        uint256 leftoverIn = amountIn - swapIn - usedIn;
        uint256 leftoverOut = swapOut - usedOut;
        (leftover0, leftover1) = inIsToken0 ? (leftoverIn, leftoverOut) : (leftoverOut, leftoverIn);

        _approveOnce(pair.lp, _farm, liquidity);
        IFarm(_farm).depositFor(pid, liquidity, msg.sender);
    }

    /// @dev Unstakes `liquidity` of the caller's LP from pool `pid` straight into the pair (the
    ///      caller's reward goes to the caller) and burns it there, both tokens to `to`. Going to the
    ///      pair rather than through the router's removeLiquidity spares the LP a stop in the zap
    ///      and the router's checks: the farm sends the pair exactly `liquidity`, and the pair
    ///      burns what it holds.
    function _unstakeAndBurn(uint256 pid, Pair memory pair, uint256 liquidity, address to)
        private
        returns (uint256 amount0, uint256 amount1)
    {
        IFarmOperators(_farm).withdrawFor(pid, liquidity, msg.sender, pair.lp);
        (amount0, amount1) = IUniswapV2Pair(pair.lp).burn(to);
    }

    /// @dev Swaps `amountIn` of `tokenIn` held by the zap for `tokenOut` in their pair, paid to `to`.
    function _swap(address tokenIn, address tokenOut, uint256 amountIn, address to, uint256 deadline)
        private
        returns (uint256 amountOut)
    {
        _approveOnce(tokenIn, address(_router), amountIn);
        address[] memory path = new address[](2);
        path[0] = tokenIn;
        path[1] = tokenOut;
        amountOut = _router.swapExactTokensForTokens(amountIn, 0, path, to, deadline)[1];
    }

    /// @dev The pair of pool `pid`, or `NotAPair` unless the zap's factory made it.
    function _pair(uint256 pid) private view returns (Pair memory pair) {
        (address lp,,,) = IFarm(_farm).poolInfo(pid);
        pair.lp = lp;
        // A token that is no pair may lack these views: it then fails the factory check below.
        // solhint-disable-next-line no-empty-blocks
        try IUniswapV2Pair(lp).token0() returns (address token0) { pair.token0 = token0; } catch {}
        // solhint-disable-next-line no-empty-blocks
        try IUniswapV2Pair(lp).token1() returns (address token1) { pair.token1 = token1; } catch {}
        if (_factory.getPair(pair.token0, pair.token1) != lp) revert NotAPair(pid, lp);
    }

    /// @dev Reverts unless `token` is one of the pair's tokens; `reported` names it in the error
    ///      (address(0) for ETH, whose token is WETH).
    function _requireInPair(address token, address reported, Pair memory pair) private pure {
        if (token != pair.token0 && token != pair.token1) revert TokenNotInPair(reported, pair.lp);
    }

    /// @dev Takes `amount` of `token` from the caller, refusing a token that delivers less.
    function _pull(address token, uint256 amount) private {
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert FeeOnTransferToken(token, amount, received);
    }

    /// @dev Sends `amount` of `token` to the caller; address(0) unwraps that much WETH and sends ETH.
    function _send(address token, uint256 amount) private {
        if (amount == 0) return;
        if (token != address(0)) {
            IERC20(token).safeTransfer(msg.sender, amount);
            return;
        }
        _weth.withdraw(amount);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok,) = msg.sender.call{value: amount}("");
        if (!ok) revert EthTransferFailed(msg.sender);
    }

    /// @dev Gives `spender` a standing maximum allowance of the zap's `token` the first time it
    ///      needs one. Safe because the zap holds nothing between transactions, so the allowance can
    ///      never reach anything; it saves an approval per action (router and pairs do not spend
    ///      down a maximum allowance; a token that does gets a new one when it runs short).
    function _approveOnce(address token, address spender, uint256 amount) private {
        if (IERC20(token).allowance(address(this), spender) < amount) {
            IERC20(token).forceApprove(spender, type(uint256).max);
        }
    }

    function _checkDeadline(uint256 deadline) private view {
        if (block.timestamp > deadline) revert Expired(deadline, block.timestamp);
    }

    /// @dev How much of `amountIn` to swap so that the rest and the swap's output are in the
    ///      pair's ratio after the swap, with the pair's 0.3% fee (f = 0.997): the positive root of
    ///      f s^2 + (1 + f) r s - a r = 0, i.e. s = (sqrt(((1 + f) r)^2 + 4 f a r) - (1 + f) r) / 2f,
    ///      scaled by 1,000: 1997^2 = 3,988,009; 4 * 997 * 1000 = 3,988,000; 2 * 997 = 1,994.
    ///      Rounded down; a reserve below 2^112 and an amount below 2^120 cannot overflow.
    function _swapAmount(uint256 amountIn, uint256 reserveIn) private pure returns (uint256) {
        return (Math.sqrt(reserveIn * (reserveIn * 3_988_009 + amountIn * 3_988_000)) - reserveIn * 1_997) / 1_994;
    }

    /// @dev The pair's output for `amountIn` (UniswapV2Library.getAmountOut).
    function _amountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) private pure returns (uint256) {
        uint256 amountInWithFee = amountIn * FEE_KEPT;
        return amountInWithFee * reserveOut / (reserveIn * FEE_SCALE + amountInWithFee);
    }
}
