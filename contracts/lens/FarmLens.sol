// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IFarm} from "../interfaces/IFarm.sol";
import {IUniswapV2PairReserves} from "../interfaces/IUniswapV2PairReserves.sol";

/// @title FarmLens
/// @notice Everything the dapp shows, in one call whose request does not grow with the pool count:
///         the farm's state, every pool's allocation, stake and pair reserves, a user's positions.
///         Never deployed: the dapp lends a node its runtime code for one `eth_call` (a state
///         override), so any farm on any chain can be read without a lens address.
/// @dev A token that reverts is read as zeros rather than failing the whole read.
contract FarmLens {
    /// @notice The farm-wide figures, as of this block.
    struct FarmState {
        uint256 blockNumber;
        uint256 timestamp;
        uint256 rewardPerBlock;
        uint256 totalAllocPoint;
        uint256 startBlock;
        uint256 rewardsRemaining;
        uint256 emissionEndBlock;
        bool paused;
        address owner;
        uint256 poolLength;
        uint256 rewardBalance; // the user's reward tokens
        uint256 ethBalance; // the user's ether
    }

    /// @notice One pool and its pair; the user fields are 0 for the zero address.
    struct PoolState {
        address lpToken;
        uint256 allocPoint;
        uint256 totalStaked;
        uint256 reserve0;
        uint256 reserve1;
        uint256 lpSupply;
        uint256 staked;
        uint256 pending;
        uint256 wallet;
        uint256 allowance;
    }

    /// @notice A pair read for prices only.
    struct PairState {
        uint256 reserve0;
        uint256 reserve1;
        uint256 totalSupply;
    }

    /// @notice Reads `farm` for `user` (the zero address for no user): the farm-wide figures, the
    ///         pools from `fromPid` on, at most `maxPools` of them, and `pricePairs`.
    /// @dev A pool costs about 25,000 gas to read with a user: a caller under a node's eth_call gas
    ///      cap (16,777,216 since Osaka) reads a few hundred pools a call.
    /// @param farm The farm.
    /// @param user The connected account, or the zero address.
    /// @param pricePairs Pairs read only for prices (stablecoin/WETH, reward/WETH).
    /// @param fromPid The first pool to read.
    /// @param maxPools The most pools to read.
    /// @return state The farm-wide figures.
    /// @return pools Pools `fromPid` on, in pid order.
    /// @return pairs `pricePairs`' reserves and supplies, in order.
    function read(IFarm farm, address user, address[] calldata pricePairs, uint256 fromPid, uint256 maxPools)
        external
        view
        returns (FarmState memory state, PoolState[] memory pools, PairState[] memory pairs)
    {
        state = _farmState(farm, user);
        uint256 count = fromPid < state.poolLength ? state.poolLength - fromPid : 0;
        pools = new PoolState[](count < maxPools ? count : maxPools);
        for (uint256 i; i < pools.length; ++i) {
            pools[i] = _pool(farm, fromPid + i, user);
        }
        pairs = _pairs(pricePairs);
    }

    /// @notice Reads `farm` for `user` as `read` does, but only the pools `pids` (which must exist):
    ///         the pools a page shows and the user's own, between two reads of every pool.
    /// @param farm The farm.
    /// @param user The connected account, or the zero address.
    /// @param pricePairs Pairs read only for prices (stablecoin/WETH, reward/WETH).
    /// @param pids The pools to read, 3 bytes each, big-endian (pids stay below 2^24): a tenth of
    ///        what a `uint256[]` takes in every request.
    /// @return state The farm-wide figures.
    /// @return pools The pools `pids`, in their order.
    /// @return pairs `pricePairs`' reserves and supplies, in order.
    function readPools(IFarm farm, address user, address[] calldata pricePairs, bytes calldata pids)
        external
        view
        returns (FarmState memory state, PoolState[] memory pools, PairState[] memory pairs)
    {
        state = _farmState(farm, user);
        pools = new PoolState[](pids.length / 3);
        for (uint256 i; i < pools.length; ++i) {
            pools[i] = _pool(farm, uint24(bytes3(pids[3 * i:3 * i + 3])), user);
        }
        pairs = _pairs(pricePairs);
    }

    function _pairs(address[] calldata pricePairs) private view returns (PairState[] memory pairs) {
        pairs = new PairState[](pricePairs.length);
        for (uint256 i; i < pairs.length; ++i) {
            (pairs[i].reserve0, pairs[i].reserve1) = _reserves(pricePairs[i]);
            pairs[i].totalSupply = _totalSupply(pricePairs[i]);
        }
    }

    function _farmState(IFarm farm, address user) private view returns (FarmState memory state) {
        state.blockNumber = block.number;
        state.timestamp = block.timestamp;
        state.rewardPerBlock = farm.rewardPerBlock();
        state.totalAllocPoint = farm.totalAllocPoint();
        state.startBlock = farm.startBlock();
        state.rewardsRemaining = farm.rewardsRemaining();
        state.emissionEndBlock = farm.emissionEndBlock();
        state.paused = Pausable(address(farm)).paused();
        state.owner = Ownable(address(farm)).owner();
        state.poolLength = farm.poolLength();
        if (user != address(0)) {
            state.rewardBalance = _balanceOf(farm.rewardToken(), user);
            state.ethBalance = user.balance;
        }
    }

    function _pool(IFarm farm, uint256 pid, address user) private view returns (PoolState memory pool) {
        (pool.lpToken, pool.allocPoint, pool.totalStaked,) = farm.poolInfo(pid);
        (pool.reserve0, pool.reserve1) = _reserves(pool.lpToken);
        pool.lpSupply = _totalSupply(pool.lpToken);
        if (user == address(0)) return pool;
        (pool.staked,) = farm.userInfo(pid, user);
        pool.pending = farm.pendingReward(pid, user);
        pool.wallet = _balanceOf(pool.lpToken, user);
        pool.allowance = _allowance(pool.lpToken, user, address(farm));
    }

    function _reserves(address pair) private view returns (uint256, uint256) {
        try IUniswapV2PairReserves(pair).getReserves() returns (uint112 reserve0, uint112 reserve1, uint32) {
            return (reserve0, reserve1);
        } catch {
            return (0, 0);
        }
    }

    function _totalSupply(address token) private view returns (uint256) {
        try IERC20(token).totalSupply() returns (uint256 supply) {
            return supply;
        } catch {
            return 0;
        }
    }

    function _balanceOf(address token, address owner) private view returns (uint256) {
        try IERC20(token).balanceOf(owner) returns (uint256 balance) {
            return balance;
        } catch {
            return 0;
        }
    }

    function _allowance(address token, address owner, address spender) private view returns (uint256) {
        try IERC20(token).allowance(owner, spender) returns (uint256 allowance) {
            return allowance;
        } catch {
            return 0;
        }
    }
}
