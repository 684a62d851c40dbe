// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IFarm} from "../interfaces/IFarm.sol";
import {IFarmLocks} from "../interfaces/IFarmLocks.sol";
import {IFarmPartners} from "../interfaces/IFarmPartners.sol";
import {IPartnerRewarder} from "../interfaces/IPartnerRewarder.sol";
import {IUniswapV2PairReserves} from "../interfaces/IUniswapV2PairReserves.sol";

/// @title FarmLens
/// @notice Everything the dapp shows, in one call whose request does not grow with the pool count:
///         the farm's state and lock terms, every pool's allocation, stake, weights and pair
///         reserves, a user's positions and locks.
///         Never deployed: the dapp lends a node its runtime code for one `eth_call` (a state
///         override), so any farm on any chain can be read without a lens address.
/// @dev The code travels with every read (the dapp's request bytes per block are budgeted), so
///      each figure is copied word for word from the answer of the function that has it into the
///      struct field it goes to (`_copy`), rather than decoded and assigned field by field: that
///      costs a third of the code. A token that reverts is read as zeros rather than failing the
///      whole read; a farm that reverts fails it.
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
        uint256 epochBlocks;
        uint256 penaltyBps; // \ earlyExitPenalty(): what new locks get
        address penaltyRecipient; // /
        uint256 rewardBalance; // the user's reward tokens
        uint256 ethBalance; // the user's ether
        bytes lockTiers; // lockTiers()'s answer as the farm encodes it: (uint256[] durations, uint256[] boostsBps)
        address partnerRewarder; // 16: partnerRewarder(), zero for a farm without one
    }

    /// @notice One pool and its pair; the user fields are 0 for the zero address.
    /// @dev Field numbers (0-based) are what `_copy` writes to: keep them in step with the order.
    struct PoolState {
        address lpToken; // 0 \
        uint256 allocPoint; // 1  } poolInfo(pid), its first three words
        uint256 totalStaked; // 2 /
        uint256 reserve0; // 3 \ the pair's getReserves(), its first two words
        uint256 reserve1; // 4 /
        uint256 lpSupply; // 5
        uint256 totalShares; // 6 \
        uint256 boostShares; // 7  } poolShares(pid)
        uint256 emergencyUnlockBlock; // 8 /
        uint256 staked; // 9: userInfo(pid, user), its first word
        uint256 pending; // 10
        uint256 wallet; // 11
        uint256 allowance; // 12
        uint256 lockAmount; // 13 \
        uint256 lockBoostBps; // 14 |
        uint256 lockStartBlock; // 15 } lockInfo(pid, user)
        uint256 lockEndBlock; // 16 |
        uint256 lockPenaltyBps; // 17 |
        address lockPenaltyRecipient; // 18 /
        uint256 exitPenalty; // 19: earlyExitPenaltyOf(pid, user)
        uint256 partnerWeight; // 20 \ the partner rewarder's weights(pid, user),
        uint256 partnerTotalWeight; // 21 / read only in a pool with partner streams
        bytes partnerStreams; // streams(pid)'s answer, undecoded; empty without streams
        bytes partnerPending; // pendingRewards(pid, user)'s answer, undecoded; empty without streams or user
    }

    /// @notice A pair read for prices only.
    struct PairState {
        uint256 reserve0;
        uint256 reserve1;
        uint256 totalSupply;
    }

    /// @notice Reads `farm` for `user` (the zero address for no user): the farm-wide figures, the
    ///         pools from `fromPid` on, at most `maxPools` of them, and `pricePairs`.
    /// @dev A pool costs about 21,000 gas to read without a user, 38,000 with a user's stake in it
    ///      and 49,000 with a lock too (the farm's views bring their pools up to date as they
    ///      read): a caller under a node's eth_call gas cap (16,777,216 since Osaka) reads 300
    ///      pools a call.
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
            _partners(pools[i], state.partnerRewarder, fromPid + i, user);
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
            uint256 pid = uint24(bytes3(pids[3 * i:3 * i + 3]));
            pools[i] = _pool(farm, pid, user);
            _partners(pools[i], state.partnerRewarder, pid, user);
        }
        pairs = _pairs(pricePairs);
    }

    function _pairs(address[] calldata pricePairs) private view returns (PairState[] memory pairs) {
        pairs = new PairState[](pricePairs.length);
        for (uint256 i; i < pairs.length; ++i) {
            PairState memory pair = pairs[i];
            _copy(pricePairs[i], abi.encodeCall(IUniswapV2PairReserves.getReserves, ()), _at(pair), 0, 2, false);
            _copy(pricePairs[i], abi.encodeCall(IERC20.totalSupply, ()), _at(pair), 2, 1, false);
        }
    }

    function _farmState(IFarm farm, address user) private view returns (FarmState memory state) {
        state.blockNumber = block.number;
        state.timestamp = block.timestamp;
        uint256 at = _at(state);
        // The farm's views of one word, in the order of the fields they fill (2 to 10).
        bytes4[9] memory views = [
            IFarm.rewardPerBlock.selector,
            IFarm.totalAllocPoint.selector,
            IFarm.startBlock.selector,
            IFarm.rewardsRemaining.selector,
            IFarm.emissionEndBlock.selector,
            Pausable.paused.selector,
            Ownable.owner.selector,
            IFarm.poolLength.selector,
            IFarmLocks.epochBlocks.selector
        ];
        for (uint256 i; i < views.length; ++i) {
            _copy(address(farm), abi.encodePacked(views[i]), at, 2 + i, 1, true);
        }
        _copy(address(farm), abi.encodeCall(IFarmLocks.earlyExitPenalty, ()), at, 11, 2, true);
        (, state.lockTiers) = address(farm).staticcall(abi.encodeCall(IFarmLocks.lockTiers, ()));
        _copy(address(farm), abi.encodeCall(IFarmPartners.partnerRewarder, ()), at, 16, 1, false);

        if (user != address(0)) {
            _copy(farm.rewardToken(), abi.encodeCall(IERC20.balanceOf, (user)), at, 13, 1, false);
            state.ethBalance = user.balance;
        }
    }

    function _pool(IFarm farm, uint256 pid, address user) private view returns (PoolState memory pool) {
        uint256 at = _at(pool);
        _copy(address(farm), abi.encodeCall(IFarm.poolInfo, (pid)), at, 0, 3, true);
        _copy(pool.lpToken, abi.encodeCall(IUniswapV2PairReserves.getReserves, ()), at, 3, 2, false);
        _copy(pool.lpToken, abi.encodeCall(IERC20.totalSupply, ()), at, 5, 1, false);
        _copy(address(farm), abi.encodeCall(IFarmLocks.poolShares, (pid)), at, 6, 3, true);
        if (user == address(0)) return pool;
        _copy(address(farm), abi.encodeCall(IFarm.userInfo, (pid, user)), at, 9, 1, true);
        _copy(address(farm), abi.encodeCall(IFarm.pendingReward, (pid, user)), at, 10, 1, true);
        _copy(pool.lpToken, abi.encodeCall(IERC20.balanceOf, (user)), at, 11, 1, false);
        _copy(pool.lpToken, abi.encodeCall(IERC20.allowance, (user, address(farm))), at, 12, 1, false);
        // A lock's LP, running or ended, counts in the stake: no stake, no lock to read.
        if (pool.staked == 0) return pool;
        _copy(address(farm), abi.encodeCall(IFarmLocks.lockInfo, (pid, user)), at, 13, 6, true);
        if (pool.lockAmount != 0) {
            _copy(address(farm), abi.encodeCall(IFarmLocks.earlyExitPenaltyOf, (pid, user)), at, 19, 1, true);
        }
    }

    /// @dev Pool `pid`'s partner streams, and, where it has some, the weights they pay by and what
    ///      `user` could be paid: the answers passed on undecoded (decoding arrays here would cost
    ///      code in every request). A pool without streams reads one call and answers nothing.
    function _partners(PoolState memory pool, address rewarder, uint256 pid, address user) private view {
        // No rewarder (a farm from before partner rewards) answers nothing; an empty list is two
        // words (offset, length).
        bytes memory streams = _answer(rewarder, abi.encodeCall(IPartnerRewarder.streams, (pid)));
        if (streams.length <= 64) return;
        pool.partnerStreams = streams;
        _copy(rewarder, abi.encodeCall(IPartnerRewarder.weights, (pid, user)), _at(pool), 20, 2, false);
        if (user != address(0)) {
            pool.partnerPending = _answer(rewarder, abi.encodeCall(IPartnerRewarder.pendingRewards, (pid, user)));
        }
    }

    /// @dev What `target` answers to `data`, or nothing if the call fails (never its revert data).
    function _answer(address target, bytes memory data) private view returns (bytes memory answer) {
        (bool ok, bytes memory returned) = target.staticcall(data);
        answer = returned;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            if iszero(ok) { answer := 0x60 } // the empty bytes
        }
    }

    /// @dev Where a struct's fields start in memory: a memory struct of value types is its fields'
    ///      words, in order. Assembly here and in _copy (solhint's rule is lifted for them): answers
    ///      copied word for word keep the lens's code, which every read sends, 1.3 kB smaller than
    ///      decoding them.
    function _at(PoolState memory pool) private pure returns (uint256 at) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            at := pool
        }
    }

    function _at(FarmState memory state) private pure returns (uint256 at) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            at := state
        }
    }

    function _at(PairState memory pair) private pure returns (uint256 at) {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            at := pair
        }
    }

    /// @dev Copies the first `words` words `target` answers `data` with into the struct at `at`,
    ///      from its `field`th field (0-based) on. An answer that reverts or is shorter leaves them
    ///      0 (a token that reverts reads as zeros) or, when `required` (the farm's own views),
    ///      fails the read with the farm's revert.
    function _copy(address target, bytes memory data, uint256 at, uint256 field, uint256 words, bool required)
        private
        view
    {
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let size := mul(words, 32)
            let ok := staticcall(gas(), target, add(data, 32), mload(data), 0, 0)
            if and(required, iszero(ok)) {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
            if and(ok, iszero(lt(returndatasize(), size))) { returndatacopy(add(at, mul(field, 32)), 0, size) }
        }
    }
}
