// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IPartneredFarm} from "./interfaces/IPartneredFarm.sol";
import {IPartnerRewarder} from "./interfaces/IPartnerRewarder.sol";
import {EpochBitmap} from "./libraries/EpochBitmap.sol";

/// @title PartnerRewarder
/// @notice Streams sponsors' tokens to a pool's stakers on top of the farm's reward token, pro rata
///         to the farm's weights, lock boosts included. Deployed by the farm, for good.
/// @dev Accounting, per pool and stream, MasterChef-style: `acc` is what one unit of weight has
///      earned (scaled by ACC_SCALE), and a staker is owed `weight * (acc - accPaid)`, rounded down.
///      Weights mirror the farm's: each action the farm reports (onAction) settles the staker at its
///      old weight, then reads its new one from the farm. A lock's boost ends at an epoch boundary
///      without anybody acting, so, like the farm, each pool keeps the boost weight ending at each
///      boundary, and its catch-up splits at every boundary it passes and stores each stream's
///      `acc` there, which settles the locks that ended there. Every stream's payouts add up to at
///      most what it released while something was staked (each rounds down); what it released while
///      nothing was is its sponsor's. The work is bounded as the farm's is: a lock ends within
///      MAX_LOCK_EPOCHS + 1 epochs of the action that made it, so a catch-up passes at most that
///      many boundaries, for at most MAX_STREAMS streams.
contract PartnerRewarder is IPartnerRewarder {
    using SafeERC20 for IERC20;
    using EpochBitmap for mapping(uint256 => uint256);

    /// @inheritdoc IPartnerRewarder
    uint256 public constant MAX_STREAMS = 4;
    /// @dev acc <= (funding over a stream's life < 2^128) * ACC_SCALE < 2^248: no overflow, and a
    ///      catch-up loses less than totalWeight / 1e36 wei (totalWeight < 2^112 < 1e34).
    uint256 private constant ACC_SCALE = 1e36;
    /// @dev The gas a payment made within a farm action may use: a standard transfer takes about
    ///      30,000 to 60,000. A token that wants more (or burns it all) is paid by `claim` instead.
    uint256 private constant PAY_GAS = 150_000;
    /// @inheritdoc IPartnerRewarder
    /// @dev Each boundary passed stores every stream's acc there (up to four fresh slots, ~93,000
    ///      gas): 32 of them stay near 3,000,000, which with the farm's own worst case (a harvest
    ///      passing 365 boundaries, ~11,300,000) fits one transaction's 16,777,216 (EIP-7825).
    uint256 public constant MAX_BOUNDARIES_PER_UPDATE = 32;
    uint256 private constant BPS = 10_000;
    /// @dev `_settle`'s gas limit for `claim`: each token gets an even share of what is left.
    uint256 private constant CLAIM_GAS = type(uint256).max;

    /// @inheritdoc IPartnerRewarder
    address public immutable farm;
    /// @dev The farm's epoch length: lock ends are its multiples.
    uint256 private immutable _epochBlocks;

    /// @dev One partner token of a pool. Its current stretch streams `amount` evenly over
    ///      (`start`, `end`]; a top-up starts a new stretch at its block.
    struct Stream {
        IERC20 token;
        uint64 start;
        address sponsor;
        uint64 end;
        uint128 amount;
        uint128 unclaimed; // released while nothing was staked: the sponsor's after the end
        uint128 funded; // over the stream's life: bounds acc (see ACC_SCALE)
        uint256 acc;
    }

    struct PoolState {
        uint112 totalWeight; // the weights earning now, boosts included
        uint64 lastBlock; // streams are caught up to here
        uint8 streamCount;
        uint112 boostWeight; // what running boosts add to totalWeight
        uint64 lastEnd; // the latest boundary at which a boost ends (no walk past it)
        uint64 unlockBlock; // the farm's emergency unlock, 0 until then
    }

    /// @dev A staker's weight as the farm counted it at its last action: `base` (its LP) plus
    ///      `bonus` (its lock's boost) up to the lock's end.
    struct Member {
        uint112 base;
        uint112 bonus;
    }

    /// @dev What a pool's streams stand at once caught up to this block, with each stream's acc at
    ///      every boundary passed where a boost ends.
    struct CatchUp {
        uint256 upTo; // this block, or the last boundary passed if more were due than one update passes
        uint256 count;
        uint256 totalWeight;
        uint256 boostWeight;
        uint256[MAX_STREAMS] acc;
        uint256[MAX_STREAMS] unclaimed;
        uint256 passed;
        uint256[] boundaries;
        uint256[MAX_STREAMS][] accAt;
    }

    mapping(uint256 pid => PoolState) private _pools;
    mapping(uint256 pid => Stream[MAX_STREAMS]) private _streams;
    mapping(uint256 pid => mapping(uint256 boundary => uint256)) private _expiring;
    mapping(uint256 pid => mapping(uint256 word => uint256)) private _endBits;
    mapping(uint256 pid => mapping(uint256 boundary => uint256[MAX_STREAMS])) private _accAt;
    mapping(uint256 pid => mapping(address user => Member)) private _members;
    mapping(uint256 pid => mapping(address user => uint256)) private _lockEnds;
    mapping(uint256 pid => mapping(address user => uint256[MAX_STREAMS])) private _accPaid;
    mapping(uint256 pid => mapping(address user => uint256[MAX_STREAMS])) private _owed;
    mapping(uint256 pid => mapping(address sponsor => bool)) private _sponsors;

    uint256 private transient _entered;

    modifier nonReentrant() {
        if (_entered != 0) revert ReentrantCall();
        _entered = 1;
        _;
        _entered = 0;
    }

    modifier onlyFarm() {
        if (msg.sender != farm) revert NotFarm(msg.sender);
        _;
    }

    /// @notice Deployed by the farm's constructor: the caller is the farm, for good.
    /// @param epochBlocks The farm's epoch length (its lock ends are multiples of it).
    constructor(uint256 epochBlocks) {
        farm = msg.sender;
        _epochBlocks = epochBlocks;
    }

    /*//////////////////////////////////////////////////////////////
                                 FARM
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPartnerRewarder
    function onAction(uint256 pid, address user, address to) external onlyFarm nonReentrant {
        CatchUp memory caught = _update(pid);
        bool pay = to != address(0) && !IPartneredFarm(farm).paused();
        _settle(pid, user, caught, pay ? to : address(0), PAY_GAS);
        _reweigh(pid, user, caught.upTo);
    }

    /// @inheritdoc IPartnerRewarder
    function onEmergencyUnlock(uint256 pid) external onlyFarm nonReentrant {
        // Every running boost ends at this block: the streams must stand here (else `catchUp` first).
        CatchUp memory caught = _updateFully(pid);
        PoolState storage pool = _pools[pid];
        _accAt[pid][block.number] = caught.acc;
        pool.totalWeight -= pool.boostWeight;
        (pool.boostWeight, pool.lastEnd, pool.unlockBlock) = (0, uint64(block.number), uint64(block.number));
    }

    /*//////////////////////////////////////////////////////////////
                            SPONSORS AND STAKERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPartnerRewarder
    function setSponsor(uint256 pid, address sponsor, bool approved) external {
        if (msg.sender != IPartneredFarm(farm).owner()) revert NotFarmOwner(msg.sender);
        _sponsors[pid][sponsor] = approved;
        emit SponsorSet(pid, sponsor, approved);
    }

    /// @inheritdoc IPartnerRewarder
    function fund(uint256 pid, IERC20 token, uint256 amount, uint256 endBlock) external nonReentrant {
        if (!isSponsor(pid, msg.sender)) revert NotSponsor(pid, msg.sender);
        if (amount == 0) revert ZeroAmount();
        if (endBlock > type(uint64).max) revert EndBlockTooLate(endBlock, type(uint64).max);
        if (address(token).code.length == 0) revert NotAToken(token);
        PoolState storage pool = _pools[pid];
        uint256 count = pool.streamCount;
        if (count == 0) IPartneredFarm(farm).enablePartnerRewards(pid); // checks the pool exists
        _updateFully(pid);

        (uint256 index, bool found) = _find(pid, token);
        if (!found && count == MAX_STREAMS) revert TooManyStreams(pid, MAX_STREAMS);
        Stream storage stream = _streams[pid][index];
        uint256 earliest = block.number + 1;
        if (!found) {
            pool.streamCount = uint8(count + 1);
            (stream.token, stream.sponsor) = (token, msg.sender);
        } else {
            address sponsor = stream.sponsor;
            if (sponsor != msg.sender) {
                // A stream changes hands only once its sponsor has had everything it is owed.
                if (stream.end > block.number || stream.unclaimed != 0) {
                    revert StreamSponsoredByOther(token, sponsor);
                }
                stream.sponsor = msg.sender;
            }
            if (stream.end > earliest) earliest = stream.end;
        }
        if (endBlock < earliest) revert EndBlockTooEarly(endBlock, earliest);

        uint256 funded = stream.funded + _pull(token, amount);
        if (funded > type(uint128).max) revert AmountTooLarge(funded, type(uint128).max);
        // What the stretch has not released yet, and the top-up, spread from here to the new end.
        uint256 streaming = stream.amount - _releasedBy(stream, block.number) + amount;
        (stream.start, stream.end, stream.amount, stream.funded) =
            (uint64(block.number), uint64(endBlock), uint128(streaming), uint128(funded));
        emit StreamFunded(pid, token, msg.sender, amount, streaming, endBlock);
    }

    /// @inheritdoc IPartnerRewarder
    function reclaim(uint256 pid, IERC20 token) external nonReentrant {
        (uint256 index, bool found) = _find(pid, token);
        if (!found) revert StreamNotFound(pid, token);
        Stream storage stream = _streams[pid][index];
        if (stream.sponsor != msg.sender) revert StreamSponsoredByOther(token, stream.sponsor);
        if (stream.end > block.number) revert StreamRunning(stream.end);
        _updateFully(pid);
        uint256 amount = stream.unclaimed;
        if (amount == 0) revert ZeroAmount();
        stream.unclaimed = 0;
        token.safeTransfer(msg.sender, amount);
        emit StreamReclaimed(pid, token, msg.sender, amount);
    }

    /// @inheritdoc IPartnerRewarder
    function catchUp(uint256 pid) external nonReentrant returns (uint256 caughtUpTo) {
        return _update(pid).upTo;
    }

    /// @inheritdoc IPartnerRewarder
    function claim(uint256 pid) external nonReentrant {
        if (IPartneredFarm(farm).paused()) revert FarmPaused();
        _settle(pid, msg.sender, _update(pid), msg.sender, CLAIM_GAS);
    }

    /// @inheritdoc IPartnerRewarder
    function payOut(IERC20 token, address to, uint256 amount) external {
        if (msg.sender != address(this)) revert NotSelf(msg.sender);
        token.safeTransfer(to, amount);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IPartnerRewarder
    function lastUpdateBlock(uint256 pid) external view returns (uint256) {
        return _pools[pid].lastBlock;
    }

    /// @inheritdoc IPartnerRewarder
    function isSponsor(uint256 pid, address account) public view returns (bool) {
        return _sponsors[pid][account] || account == IPartneredFarm(farm).owner();
    }

    /// @inheritdoc IPartnerRewarder
    function streams(uint256 pid) external view returns (StreamView[] memory views) {
        CatchUp memory caught = _catchUp(pid, type(uint256).max);
        views = new StreamView[](caught.count);
        for (uint256 i; i < caught.count; ++i) {
            Stream storage stream = _streams[pid][i];
            views[i] = StreamView({
                token: stream.token,
                sponsor: stream.sponsor,
                startBlock: stream.start,
                endBlock: stream.end,
                amount: stream.amount,
                remaining: stream.amount - _releasedBy(stream, block.number),
                unclaimedBySponsor: stream.unclaimed + caught.unclaimed[i]
            });
        }
    }

    /// @inheritdoc IPartnerRewarder
    function pendingRewards(uint256 pid, address user)
        external
        view
        returns (IERC20[] memory tokens, uint256[] memory amounts)
    {
        CatchUp memory caught = _catchUp(pid, type(uint256).max);
        tokens = new IERC20[](caught.count);
        amounts = new uint256[](caught.count);
        for (uint256 i; i < caught.count; ++i) {
            tokens[i] = _streams[pid][i].token;
            amounts[i] = _earned(pid, user, caught, i) + _owed[pid][user][i];
        }
    }

    /// @inheritdoc IPartnerRewarder
    function weights(uint256 pid, address user) external view returns (uint256 userWeight, uint256 totalWeight) {
        Member memory member = _members[pid][user];
        userWeight = member.base;
        if (member.bonus != 0 && _effectiveEnd(pid, user) > block.number) userWeight += member.bonus;
        return (userWeight, _catchUp(pid, type(uint256).max).totalWeight);
    }

    /*//////////////////////////////////////////////////////////////
                               ACCOUNTING
    //////////////////////////////////////////////////////////////*/

    /// @dev `_update`, refusing to go on if the streams are still behind (a top-up or reclaim must
    ///      start from this block).
    function _updateFully(uint256 pid) private returns (CatchUp memory caught) {
        caught = _update(pid);
        if (caught.upTo != block.number) revert PoolBehind(pid, caught.upTo);
    }

    /// @dev Catches pool `pid`'s streams up to this block (or as far as one update goes) and stores
    ///      where they stand.
    function _update(uint256 pid) private returns (CatchUp memory caught) {
        caught = _catchUp(pid, MAX_BOUNDARIES_PER_UPDATE);
        PoolState storage pool = _pools[pid];
        if (pool.lastBlock == caught.upTo) return caught;
        Stream[MAX_STREAMS] storage streams_ = _streams[pid];
        for (uint256 i; i < caught.count; ++i) {
            Stream storage stream = streams_[i];
            if (stream.acc != caught.acc[i]) stream.acc = caught.acc[i];
            // Below the stream's funding, < 2^128.
            if (caught.unclaimed[i] != 0) stream.unclaimed += uint128(caught.unclaimed[i]);
        }
        for (uint256 k; k < caught.passed; ++k) {
            _accAt[pid][caught.boundaries[k]] = caught.accAt[k];
        }
        // Weights only fell, below their stored 112-bit values.
        (pool.totalWeight, pool.boostWeight, pool.lastBlock) =
            (uint112(caught.totalWeight), uint112(caught.boostWeight), uint64(caught.upTo));
    }

    /// @dev Pool `pid`'s streams caught up to this block, without writing: releases split at every
    ///      boundary passed where a boost ends, as the weights change there. With more than `limit`
    ///      such boundaries due, it stops at the last one it may pass (`upTo`): the next update goes on.
    function _catchUp(uint256 pid, uint256 limit) private view returns (CatchUp memory caught) {
        PoolState memory pool = _pools[pid];
        caught.upTo = block.number;
        caught.count = pool.streamCount;
        caught.totalWeight = pool.totalWeight;
        caught.boostWeight = pool.boostWeight;
        Stream[MAX_STREAMS] storage streams_ = _streams[pid];
        for (uint256 i; i < caught.count; ++i) {
            caught.acc[i] = streams_[i].acc;
        }
        uint256 from = pool.lastBlock;
        if (from == block.number) return caught;

        uint256 epochBlocks = _epochBlocks;
        uint256 last = pool.lastEnd < block.number ? pool.lastEnd : block.number;
        if (last > from) {
            // A boost recorded at or after `from` ends within MAX_LOCK_EPOCHS + 1 epochs of it.
            uint256 most = Math.min((last - from) / epochBlocks + 1, limit);
            caught.boundaries = new uint256[](most);
            caught.accAt = new uint256[MAX_STREAMS][](most);
            uint256 boundary = (from / epochBlocks + 1) * epochBlocks;
            while ((boundary = _endBits[pid].next(boundary, last, epochBlocks)) != 0) {
                uint256 expiring = _expiring[pid][boundary];
                if (expiring != 0) {
                    if (caught.passed == limit) {
                        caught.upTo = from; // behind: the last boundary passed
                        return caught;
                    }
                    _release(streams_, caught, from, boundary);
                    caught.boundaries[caught.passed] = boundary;
                    // Copied value by value: assigning the memory array would alias it.
                    for (uint256 i; i < caught.count; ++i) {
                        caught.accAt[caught.passed][i] = caught.acc[i];
                    }
                    ++caught.passed;
                    caught.totalWeight -= expiring; // counted since its lock
                    caught.boostWeight -= expiring;
                    from = boundary;
                }
                boundary += epochBlocks;
            }
        }
        _release(streams_, caught, from, block.number);
    }

    /// @dev Adds what every stream released over (`from`, `to`] to its acc, or, with nothing
    ///      staked, to what goes back to its sponsor.
    function _release(Stream[MAX_STREAMS] storage streams_, CatchUp memory caught, uint256 from, uint256 to)
        private
        view
    {
        for (uint256 i; i < caught.count; ++i) {
            Stream storage stream = streams_[i];
            uint256 released = _releasedBy(stream, to) - _releasedBy(stream, from);
            if (released == 0) continue;
            if (caught.totalWeight == 0) caught.unclaimed[i] += released;
            else caught.acc[i] += released * ACC_SCALE / caught.totalWeight;
        }
    }

    /// @dev What `stream`'s current stretch has released by block `blockNumber` (not before its start).
    function _releasedBy(Stream storage stream, uint256 blockNumber) private view returns (uint256) {
        uint256 start = stream.start;
        uint256 end = stream.end;
        if (blockNumber <= start) return 0;
        if (blockNumber >= end) return stream.amount;
        return uint256(stream.amount) * (blockNumber - start) / (end - start);
    }

    /// @dev Pays (or keeps owed) what `user` earned in every stream of pool `pid`, caught up in
    ///      `caught`, with what it was owed: to `to` with at most `gasLimit` gas per token, or,
    ///      with `to` zero, kept owed.
    function _settle(uint256 pid, address user, CatchUp memory caught, address to, uint256 gasLimit) private {
        uint256[MAX_STREAMS] storage accPaid = _accPaid[pid][user];
        uint256[MAX_STREAMS] storage owed = _owed[pid][user];
        for (uint256 i; i < caught.count; ++i) {
            uint256 amount = _earned(pid, user, caught, i);
            if (accPaid[i] != caught.acc[i]) accPaid[i] = caught.acc[i];
            uint256 wasOwed = owed[i];
            amount += wasOwed;
            if (amount == 0) continue;
            IERC20 token = _streams[pid][i].token;
            // A claim shares the gas left evenly among the tokens still to pay, so that one which
            // burns all it gets cannot starve the others.
            uint256 gas = gasLimit == CLAIM_GAS ? gasleft() / (caught.count - i) : gasLimit;
            if (to != address(0) && _tryTransfer(token, to, amount, gas)) {
                if (wasOwed != 0) owed[i] = 0;
                emit PartnerRewardPaid(user, pid, token, amount, to);
            } else if (amount != wasOwed) {
                owed[i] = amount;
                emit PartnerRewardOwed(user, pid, token, amount);
            }
        }
        _clearEndedBoost(pid, user, caught.upTo);
    }

    /// @dev What `user` earned in stream `i` of pool `pid` since it was last settled, at the
    ///      weights it had: with its boost up to the boost's end, if that has passed.
    function _earned(uint256 pid, address user, CatchUp memory caught, uint256 i) private view returns (uint256) {
        Member memory member = _members[pid][user];
        uint256 paid = _accPaid[pid][user][i];
        uint256 acc = caught.acc[i];
        uint256 base = member.base;
        if (member.bonus != 0) {
            uint256 end = _effectiveEnd(pid, user);
            if (end <= caught.upTo) {
                // The stream's acc at the end: 0 for a stream funded after it (and so after `paid`).
                uint256 atEnd = _accAtEnd(pid, end, caught, i);
                return Math.mulDiv(base + member.bonus, atEnd - paid, ACC_SCALE)
                    + Math.mulDiv(base, acc - atEnd, ACC_SCALE);
            }
            base += member.bonus;
        }
        return Math.mulDiv(base, acc - paid, ACC_SCALE);
    }

    /// @dev Stream `i`'s acc at boundary `end`, which the pool has passed: stored, or passed by
    ///      `caught` just now.
    function _accAtEnd(uint256 pid, uint256 end, CatchUp memory caught, uint256 i) private view returns (uint256) {
        for (uint256 k; k < caught.passed; ++k) {
            if (caught.boundaries[k] == end) return caught.accAt[k][i];
        }
        return _accAt[pid][end][i];
    }

    /// @dev Once settled past its end (the streams at `upTo`), a boost is over: `user` weighs its LP.
    function _clearEndedBoost(uint256 pid, address user, uint256 upTo) private {
        Member storage member = _members[pid][user];
        if (member.bonus != 0 && _effectiveEnd(pid, user) <= upTo) member.bonus = 0;
    }

    /// @dev Takes `user`'s weight in pool `pid` afresh from the farm (settled just before), from
    ///      where the streams stand (`upTo`). While they are behind, a weight may only fall: a rise
    ///      would earn what was released before it (`PoolBehind`: `catchUp` first). A fall counts
    ///      from `upTo`, as does a boost that ended since.
    function _reweigh(uint256 pid, address user, uint256 upTo) private {
        PoolState storage pool = _pools[pid];
        Member storage member = _members[pid][user];
        uint256 oldWeight = member.base;
        uint256 oldBonus = member.bonus; // a running boost: an ended one was cleared by _settle
        if (oldBonus != 0) {
            oldWeight += oldBonus;
            _expiring[pid][_lockEnds[pid][user]] -= oldBonus;
            pool.boostWeight -= uint112(oldBonus);
        }

        (uint256 amount,) = IPartneredFarm(farm).userInfo(pid, user);
        (uint256 locked, uint256 boostBps,, uint256 end,,) = IPartneredFarm(farm).lockInfo(pid, user);
        uint256 bonus = end > block.number ? locked * boostBps / BPS - locked : 0;
        if (upTo != block.number && amount + bonus > oldWeight) revert PoolBehind(pid, upTo);
        if (bonus != 0) {
            _expiring[pid][end] += bonus;
            _endBits[pid].mark(end, _epochBlocks);
            // The farm's weights fit 112 bits (MAX_TOTAL_STAKE), and so do these.
            pool.boostWeight += uint112(bonus);
            if (end > pool.lastEnd) pool.lastEnd = uint64(end);
            _lockEnds[pid][user] = end;
        }
        pool.totalWeight = uint112(pool.totalWeight - oldWeight + amount + bonus);
        (member.base, member.bonus) = (uint112(amount), uint112(bonus));
    }

    /// @dev `user`'s lock end in pool `pid`, or the pool's emergency unlock if earlier.
    function _effectiveEnd(uint256 pid, address user) private view returns (uint256) {
        uint256 end = _lockEnds[pid][user];
        uint256 unlockBlock = _pools[pid].unlockBlock;
        return unlockBlock != 0 && unlockBlock < end ? unlockBlock : end;
    }

    /// @dev The slot of `token` among pool `pid`'s streams, or the next free one.
    function _find(uint256 pid, IERC20 token) private view returns (uint256 index, bool found) {
        uint256 count = _pools[pid].streamCount;
        for (; index < count; ++index) {
            if (address(_streams[pid][index].token) == address(token)) return (index, true);
        }
        return (count, false);
    }

    /// @dev Takes `amount` of `token` from the caller; refuses a token that delivers less.
    function _pull(IERC20 token, uint256 amount) private returns (uint256) {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert FeeOnTransferToken(token, amount, received);
        return amount;
    }

    /// @dev Pays through `payOut` in a call of its own with at most `gasLimit` gas, reporting
    ///      failure instead of reverting. The self-call makes SafeERC20's verdict (no return data
    ///      from a contract, or `true`) undo the token's own transfer when it fails, whatever the
    ///      token answered; SafeERC20's try-variant would forward all the gas (which a hostile token
    ///      could burn to block the farm action around it) and keep what an odd answer moved. No
    ///      return data is copied, so a huge revert cannot cost anything either.
    function _tryTransfer(IERC20 token, address to, uint256 amount, uint256 gasLimit) private returns (bool ok) {
        bytes memory data = abi.encodeCall(this.payOut, (token, to, amount));
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            ok := call(gasLimit, address(), 0, add(data, 0x20), mload(data), 0, 0)
        }
    }
}
