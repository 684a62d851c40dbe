// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IFarm} from "./interfaces/IFarm.sol";
import {IFarmLocks} from "./interfaces/IFarmLocks.sol";
import {IFarmOperators} from "./interfaces/IFarmOperators.sol";
import {IFarmPartners} from "./interfaces/IFarmPartners.sol";
import {IPartnerRewarder} from "./interfaces/IPartnerRewarder.sol";
import {IRewardToken} from "./interfaces/IRewardToken.sol";
import {EpochBitmap} from "./libraries/EpochBitmap.sol";
import {PartnerRewarder} from "./PartnerRewarder.sol";

/// @title Farm
/// @notice Stake LP tokens, earn a capped reward token emitted per block and split across pools by
///         allocation points, pro rata to stake within a pool. MasterChef-compatible.
/// @dev Two accumulators make every admin change O(1) and every past reward immutable:
///      - a global `accRewardPerPoint`: reward emitted per allocation point since the start;
///      - per pool, `accRewardPerShare`: reward per LP wei, caught up from the global one as
///        `allocPoint * (accRewardPerPoint - accRewardPerPointPaid)` whenever the pool is touched.
///      A pool's allocation only changes after it has caught up at its old allocation, and the rate
///      only changes after the global accumulator has caught up at the old rate, so no
///      `massUpdatePools` is ever needed. Emission is clamped to the reward token's remaining cap at
///      accrual time, so everything accrued can always be minted.
///      Neither accumulator loses what matters to its division: the global one carries its
///      remainder exactly, a pool's counts in 1e-48 wei, so an update, by anyone, loses less than
///      totalStaked / 1e48 <= 6e-15 wei of what the pool credits its stakers (though it can move a
///      staker's rounded-down payout across a whole wei, within the bound on Staker).
///      Locks (IFarmLocks) make a pool's divisor its stakers' weights instead of their LP. A lock's
///      boost ends at an epoch boundary: each pool keeps, per boundary, the weight that stops
///      there, and its update splits its catch-up at every boundary it passes, using the global
///      accumulator stored at that boundary by the first emission update that passed it. So an
///      expired boost stops earning at its exact block without anyone acting, in work bounded by
///      the boundaries passed (see IFarmLocks).
contract Farm is IFarm, IFarmLocks, IFarmOperators, IFarmPartners, Ownable2Step, Pausable {
    using SafeERC20 for IERC20;
    using EpochBitmap for mapping(uint256 => uint256);

    /*//////////////////////////////////////////////////////////////
                               CONSTANTS
    //////////////////////////////////////////////////////////////*/

    /// @dev The global accumulator counts reward per allocation point in 1e-9 wei, far finer than
    ///      one point of the largest allocation: a pool's share of its last digit is under
    ///      allocPoint / 1e9 <= 7e-5 wei. All emission (< 2^96) over one point stays below 2^126.
    uint256 private constant ACC_PER_POINT_SCALE = 1e9;
    /// @dev Pool accumulators count reward per LP wei in 1e-48 wei: an update loses under
    ///      totalStaked / 1e48 wei of the pool's reward. All emission (< 2^96) over 1 LP wei stays
    ///      below 2^96 * 1e48 < 2^256.
    uint256 private constant ACC_PER_SHARE_SCALE = 1e48;
    /// @dev From reward per point (1e-9 wei) to reward per share (1e-48 wei).
    uint256 private constant POINT_TO_SHARE_SCALE = ACC_PER_SHARE_SCALE / ACC_PER_POINT_SCALE;

    /// @notice Largest allocation a single pool can have.
    uint256 public constant MAX_ALLOC_POINT = type(uint16).max;
    /// @notice Largest emission rate.
    uint256 public constant MAX_REWARD_PER_BLOCK = type(uint96).max;
    /// @notice Largest total emission (token cap minus supply at deployment) the farm accepts.
    uint256 public constant MAX_EMISSION = type(uint96).max;
    /// @notice Largest number of pools.
    uint256 public constant MAX_POOLS = type(uint24).max;
    /// @notice Largest total stake of one pool, in LP wei: above what a Uniswap V2 pair's supply
    ///         reaches while its balances move only by mints, burns and swaps (it stays below the
    ///         square root of two 112-bit reserves).
    uint256 public constant MAX_TOTAL_STAKE = type(uint112).max;
    /// @notice Largest start block: block numbers are kept in 64 bits.
    uint256 public constant MAX_START_BLOCK = type(uint64).max;
    /// @notice A boost of 1x, in basis points.
    uint256 public constant MIN_BOOST_BPS = 10_000;
    /// @notice Largest boost a tier can give: 3x.
    uint256 public constant MAX_BOOST_BPS = 30_000;
    /// @notice Largest early-exit penalty: half the locked LP, for leaving at the very start.
    uint256 public constant MAX_PENALTY_BPS = 5_000;
    /// @notice Most tiers a farm offers at once.
    uint256 public constant MAX_LOCK_TIERS = 8;
    /// @notice Longest tier, in epochs (a year of daily epochs). It bounds the work of any one
    ///      update: a pool, or the farm, left alone passes at most this many boundaries (plus the
    ///      one rounding up adds) at which a lock ends, since every lock ends within it of the
    ///      action that made it; the worst case then fits one transaction's gas (EIP-7825: 2^24).
    uint256 public constant MAX_LOCK_EPOCHS = 365;
    /// @notice Longest epoch, in blocks.
    uint256 public constant MAX_EPOCH_BLOCKS = type(uint32).max;

    uint256 private constant BPS = 10_000;
    /// @dev Flags in a pool's `accRewardPerPointPaid`, whose value stays below 2^126. EXPIRIES_AHEAD:
    ///      one of its locks has an end the pool has not yet passed, so its update reads its lock
    ///      state. HAD_LOCKS: a lock was ever made in it, so a staker's action there checks for one.
    ///      Pools nobody ever locked in pay nothing for locks.
    uint256 private constant EXPIRIES_AHEAD = 1 << 127;
    uint256 private constant HAD_LOCKS = 1 << 126;

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    IRewardToken private immutable _rewardToken;

    /// @inheritdoc IFarm
    uint256 public immutable startBlock;

    /// @inheritdoc IFarmLocks
    uint256 public immutable epochBlocks;

    /// @inheritdoc IFarmPartners
    IPartnerRewarder public immutable partnerRewarder;

    // These two pack into the slot of Ownable2Step's pending owner and Pausable's flag: one slot
    // that every action reads.
    uint64 private _totalAllocPoint; // <= MAX_POOLS * MAX_ALLOC_POINT < 2^40
    uint24 private _poolLength;

    /// @dev From `checkpointBlock` on, `rewardPerBlock` per block until `budget` is spent.
    ///      Rewritten only when the rate changes or emission resumes after an idle spell.
    struct Schedule {
        uint96 rewardPerBlock;
        uint96 budget;
        uint64 checkpointBlock;
    }

    Schedule private _schedule;

    /// @dev Reward per allocation point (in 1e-9 wei) emitted up to `lastRewardBlock`, and what the
    ///      last division left over (in 1e-9 wei, below totalAllocPoint, 0 while that is 0), added to
    ///      the next emission.
    struct Emission {
        uint128 accRewardPerPoint;
        uint64 lastRewardBlock;
        uint64 remainder;
    }

    Emission private _emission;

    /// @dev A pool's locks: the latest end of any lock made in it, the weight running locks add
    ///      above their LP, and the block of the owner's emergency unlock (0 until then). Read when
    ///      a boundary is due and by lock actions.
    struct PoolLocks {
        uint64 lastEnd;
        uint112 boostShares; // <= totalShares
        uint64 emergencyUnlockBlock;
    }

    struct Pool {
        IERC20 lpToken; // slot 0: read by deposits, withdrawals and lock actions
        // The first epoch boundary the pool's update has not yet looked at: read by every update of
        // a pool flagged EXPIRIES_AHEAD, so it shares the slot deposits and withdrawals read anyway.
        uint64 nextBoundary;
        bool partnered; // partner rewards: its stakers' actions are reported to the partner rewarder
        uint256 accRewardPerShare; // slot 1, read and written by every reward update: in 1e-48 wei
        uint112 totalShares; // slot 2, also read and written by every reward update: the weights
        uint128 accRewardPerPointPaid; // the global accumulator when this pool last caught up, and the lock flags
        uint16 allocPoint;
        PoolLocks locks; // slot 3
        // Per epoch boundary: the weight that stops there, until the pool passes it; from then on,
        // the pool's accRewardPerShare at it, which settles the locks that ended there.
        mapping(uint256 boundary => uint256) expiries;
        mapping(uint256 word => uint256) expiryBoundaries; // EpochBitmap of boundaries where a lock ends
    }

    mapping(uint256 pid => Pool) private _pools;
    mapping(address lpToken => uint256) private _pidPlusOne;

    /// @dev One slot per staker. What a staker is owed is `accrued - rewardDebt`, where accrued is
    ///      `amount * accRewardPerShare / 1e48` rounded down. When the stake changes, the debt is
    ///      reset to that product rounded up (minus any reward kept unpaid); every payment adds to
    ///      it. So over a constant stake the payments telescope to the accrued product at the end
    ///      rounded down less the one at the start rounded up, however often anyone settles it: a
    ///      stretch of constant stake is paid less than 2 wei below what the pool credited it (< 1
    ///      for each rounding), and never more, so total payouts cannot pass emission (nor the cap).
    ///      Why mod 2^128: the product can exceed 128 bits (a 1-wei stake may be worth all emission
    ///      times 1e48), but the owed difference always lies in [-1, 2^97], so the wrapped
    ///      subtraction is exact and a position stays one slot. What it costs an integrator:
    ///      `userInfo`'s `rewardDebt` is not MasterChef's `amount * acc / scale`: it is rounded up,
    ///      lowered by the reward a withdrawal while paused keeps, and wraps to near 2^128 when
    ///      that reward is the larger. Compute nothing from it; read `pendingReward`.
    struct Staker {
        uint112 amount; // unlocked LP, <= its pool's totalShares <= MAX_TOTAL_STAKE
        bool locked; // a lock is recorded (running, or ended and not yet joined to `amount`)
        // Counted by the partner rewarder (acted in the pool since partner rewards): then harvests
        // are reported too. Kept here because harvest reads no other slot that could hold it.
        bool partnered;
        uint128 rewardDebt;
    }

    mapping(uint256 pid => mapping(address user => Staker)) private _stakers;

    /// @dev A staker's lock in a pool: its own position, weighted `amount * boostBps / BPS` up to
    ///      `endBlock` and `amount` after, with a debt kept exactly as Staker's.
    struct Lock {
        uint112 amount;
        uint16 boostBps;
        uint64 startBlock;
        uint64 endBlock;
        uint128 rewardDebt;
        uint32 terms; // index in _penaltyTerms
    }

    mapping(uint256 pid => mapping(address user => Lock)) private _locks;

    struct LockTier {
        uint64 duration;
        uint16 boostBps;
    }

    LockTier[] private _lockTiers;

    /// @dev Every early-exit terms the owner ever set, so a lock refers to its own for good.
    struct PenaltyTerms {
        address recipient;
        uint16 penaltyBps;
    }

    PenaltyTerms[] private _penaltyTerms;

    /// @dev Epoch boundaries at which any lock ends, and the global accumulator at each, stored by
    ///      the first emission update that passed it (or at the lock, if emission is not there yet).
    mapping(uint256 word => uint256) private _expiryBoundaries;
    mapping(uint256 boundary => uint256) private _accRewardPerPointAt;
    /// @dev The latest boundary at which any lock's boost ends: emission updates look for
    ///      boundaries to store no further.
    uint256 private _latestExpiry;

    /// @inheritdoc IFarmLocks
    uint256 public lockTermsVersion;

    mapping(address user => mapping(address operator => bool)) private _operators;

    /// @dev Re-entrancy lock in transient storage (EIP-1153): costs no storage slot and clears itself
    ///      with the transaction. The language keyword is used rather than OpenZeppelin's
    ///      ReentrancyGuardTransient because its inline `tstore` makes solc warn on every build.
    uint256 private transient _entered; // a full word: no read-modify-write to flip it

    modifier nonReentrant() {
        if (_entered != 0) revert ReentrancyGuardReentrantCall();
        _entered = 1;
        _;
        _entered = 0;
    }

    /*//////////////////////////////////////////////////////////////
                              CONSTRUCTOR
    //////////////////////////////////////////////////////////////*/

    /// @notice Deploys the farm: emission of `rewardPerBlock_` per block starts after `startBlock_`.
    /// @param rewardToken_ The reward token; its immutable minter must be this farm's address.
    /// @param rewardPerBlock_ Initial emission per block, all pools together.
    /// @param startBlock_ Emission starts after this block (or after deployment, if later).
    /// @param owner_ The admin (transferable in two steps).
    /// @param epochBlocks_ Lock ends are rounded up to multiples of it: about a day of blocks.
    constructor(
        IRewardToken rewardToken_,
        uint256 rewardPerBlock_,
        uint256 startBlock_,
        address owner_,
        uint256 epochBlocks_
    ) Ownable(owner_) {
        address minter = rewardToken_.minter();
        if (minter != address(this)) revert FarmIsNotMinter(minter);
        uint256 budget = rewardToken_.cap() - rewardToken_.totalSupply();
        if (budget > MAX_EMISSION) revert EmissionBudgetTooLarge(budget, MAX_EMISSION);
        if (rewardPerBlock_ > MAX_REWARD_PER_BLOCK) {
            revert RewardPerBlockTooLarge(rewardPerBlock_, MAX_REWARD_PER_BLOCK);
        }

        if (startBlock_ > MAX_START_BLOCK) revert StartBlockTooLarge(startBlock_, MAX_START_BLOCK);
        if (epochBlocks_ == 0 || epochBlocks_ > MAX_EPOCH_BLOCKS) {
            revert EpochBlocksOutOfRange(epochBlocks_, MAX_EPOCH_BLOCKS);
        }

        uint256 start = startBlock_ > block.number ? startBlock_ : block.number;
        _rewardToken = rewardToken_;
        startBlock = start;
        // Each value was checked against its field's width above (block numbers stay below 2^64).
        _schedule = Schedule(uint96(rewardPerBlock_), uint96(budget), uint64(start));
        _emission = Emission(0, uint64(start), 0);
        epochBlocks = epochBlocks_;
        partnerRewarder = new PartnerRewarder(epochBlocks_);
        _penaltyTerms.push(PenaltyTerms(owner_, 0));
        emit RewardPerBlockSet(rewardPerBlock_);
        emit EarlyExitPenaltySet(0, owner_);
    }

    /*//////////////////////////////////////////////////////////////
                                STAKERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IFarm
    function deposit(uint256 pid, uint256 amount) external nonReentrant whenNotPaused {
        _deposit(pid, amount, msg.sender);
    }

    /// @inheritdoc IFarm
    function depositFor(uint256 pid, uint256 amount, address to) external nonReentrant whenNotPaused {
        _checkRecipient(to);
        _deposit(pid, amount, to);
    }

    /// @inheritdoc IFarm
    function depositWithPermit(uint256 pid, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        whenNotPaused
    {
        _permit(_pool(pid).lpToken, amount, deadline, v, r, s);
        _deposit(pid, amount, msg.sender);
    }

    /// @inheritdoc IFarm
    function withdraw(uint256 pid, uint256 amount) external nonReentrant {
        _withdraw(pid, amount, msg.sender, msg.sender);
    }

    /// @inheritdoc IFarm
    function harvest(uint256 pid) external nonReentrant whenNotPaused {
        (Pool storage pool, uint256 accRewardPerShare, bool hadLocks) = _accrue(pid);
        Staker storage staker = _stakers[pid][msg.sender];
        uint256 reward =
            hadLocks && staker.locked ? _settleLock(pid, msg.sender, pool, staker, accRewardPerShare, true) : 0;
        reward += _settle(staker, accRewardPerShare);
        if (reward != 0) {
            _rewardToken.mint(msg.sender, reward);
            emit Harvest(msg.sender, pid, reward);
        }
        if (staker.partnered) _callPartners(pid, msg.sender, msg.sender);
    }

    /// @inheritdoc IFarm
    function harvestAll(uint256[] calldata pids) external nonReentrant whenNotPaused {
        _harvestAll(pids, msg.sender, msg.sender);
    }

    /// @inheritdoc IFarm
    /// @dev Also returns the LP of a lock that has ended (and forfeits its reward); a running lock
    ///      stays as it is, with what it earned.
    function emergencyWithdraw(uint256 pid) external nonReentrant {
        // Touches neither the reward token nor the accumulators, so nothing there can block it.
        Pool storage pool = _pools[pid];
        IERC20 lpToken = pool.lpToken; // gas savings
        // The one pool check that is not _pool(pid): the pool count shares a slot that this function
        // never reads otherwise (2,100 gas), while the LP token is needed anyway, and it is zero
        // exactly for the pids at or past the count (add refuses the zero address).
        if (address(lpToken) == address(0)) revert PoolNotFound(pid, _poolLength);
        Staker storage staker = _stakers[pid][msg.sender];
        uint256 amount = staker.amount;
        uint256 shares = amount;
        if (staker.locked) (amount, shares) = _releaseEndedLock(pid, pool, staker, amount);
        (staker.amount, staker.rewardDebt) = (0, 0); // via the pointer: `delete` would hash the keys again
        uint256 totalShares = pool.totalShares; // gas savings
        pool.totalShares = uint112(totalShares - shares); // shares <= totalShares
        if (amount != 0) lpToken.safeTransfer(msg.sender, amount);
        emit EmergencyWithdraw(msg.sender, pid, amount);
        // Accounting only: partner rewards earned stay owed, no partner token is touched.
        _reportPartners(pool, staker, pid, msg.sender, address(0));
    }

    /// @inheritdoc IFarm
    function updatePool(uint256 pid) external nonReentrant {
        _accrue(pid);
    }

    /// @inheritdoc IFarm
    function massUpdatePools() external nonReentrant {
        uint256 accRewardPerPoint = _updateEmission(_totalAllocPoint);
        uint256 length = _poolLength;
        for (uint256 pid; pid < length; ++pid) {
            _updatePool(_pools[pid], accRewardPerPoint);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 LOCKS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IFarmLocks
    function lock(uint256 pid, uint256 amount, uint256 tier, uint256 termsVersion)
        external
        nonReentrant
        whenNotPaused
    {
        _lock(pid, amount, tier, termsVersion);
    }

    /// @inheritdoc IFarmLocks
    function lockWithPermit(
        uint256 pid,
        uint256 amount,
        uint256 tier,
        uint256 termsVersion,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant whenNotPaused {
        _permit(_pool(pid).lpToken, amount, deadline, v, r, s);
        _lock(pid, amount, tier, termsVersion);
    }

    /// @inheritdoc IFarmLocks
    function exitLock(uint256 pid) external nonReentrant {
        (Pool storage pool, uint256 accRewardPerShare,) = _accrue(pid);
        Staker storage staker = _stakers[pid][msg.sender];
        bool deferred = paused();
        // Pays (or keeps) what the lock earned; an ended lock joins the stake, and is no early exit.
        uint256 reward = _settleLock(pid, msg.sender, pool, staker, accRewardPerShare, !deferred);
        if (!staker.locked) revert NotLocked(pid, msg.sender);

        Lock storage position = _locks[pid][msg.sender];
        uint256 locked = position.amount;
        uint256 end = position.endBlock;
        PenaltyTerms memory terms = _penaltyTerms[position.terms];
        uint256 penalty = Math.mulDiv(
            locked * terms.penaltyBps, end - block.number, BPS * (end - position.startBlock), Math.Rounding.Ceil
        );
        uint256 boosted = _boosted(locked, position.boostBps);
        pool.totalShares -= uint112(boosted); // the lock's weight is part of the total
        _removeExpiry(pool, end, boosted - locked);
        if (deferred) {
            // What the lock earned and was not paid stays owed, with the stake's.
            _credit(staker, reward);
            reward = _pending(staker, accRewardPerShare);
            if (reward != 0) emit RewardDeferred(msg.sender, pid, reward);
        } else {
            reward += _settle(staker, accRewardPerShare);
            _payReward(msg.sender, reward);
        }
        _clearLock(staker, position);

        IERC20 lpToken = pool.lpToken;
        if (penalty != 0) lpToken.safeTransfer(terms.recipient, penalty);
        lpToken.safeTransfer(msg.sender, locked - penalty); // penalty <= locked * MAX_PENALTY_BPS / BPS
        emit LockExited(msg.sender, pid, locked - penalty, penalty, terms.recipient);
        _reportPartners(pool, staker, pid, msg.sender, msg.sender);
    }

    /*//////////////////////////////////////////////////////////////
                               OPERATORS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IFarmOperators
    function setOperator(address operator, bool approved) external {
        _operators[msg.sender][operator] = approved;
        emit OperatorSet(msg.sender, operator, approved);
    }

    /// @inheritdoc IFarmOperators
    function withdrawFor(uint256 pid, uint256 amount, address user, address to) external nonReentrant {
        _checkOperator(user);
        _checkRecipient(to);
        _withdraw(pid, amount, user, to);
    }

    /// @inheritdoc IFarmOperators
    function harvestAllFor(uint256[] calldata pids, address user, address to)
        external
        nonReentrant
        whenNotPaused
    {
        _checkOperator(user);
        _checkRecipient(to);
        _harvestAll(pids, user, to);
    }

    /*//////////////////////////////////////////////////////////////
                                PARTNERS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IFarmPartners
    function enablePartnerRewards(uint256 pid) external {
        if (msg.sender != address(partnerRewarder)) revert NotPartnerRewarder(msg.sender);
        _pool(pid).partnered = true; // once: the rewarder calls it for a pool's first stream only
        emit PartnerRewardsEnabled(pid);
    }

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IFarm
    function add(uint256 allocPoint, address lpToken) external onlyOwner {
        if (lpToken == address(0)) revert LpTokenZeroAddress();
        if (lpToken.code.length == 0) revert LpTokenNotAContract(lpToken);
        if (lpToken == address(_rewardToken)) revert LpTokenIsRewardToken(lpToken);
        uint256 existing = _pidPlusOne[lpToken];
        if (existing != 0) revert PoolAlreadyExists(lpToken, existing - 1);
        if (allocPoint > MAX_ALLOC_POINT) revert AllocPointTooLarge(allocPoint, MAX_ALLOC_POINT);
        uint256 pid = _poolLength;
        if (pid == MAX_POOLS) revert TooManyPools(MAX_POOLS);

        uint256 totalAlloc = _totalAllocPoint;
        _checkpointEmission(totalAlloc);
        // accRewardPerPointPaid stays 0: with nothing staked, the pool's first update only moves
        // it to the current accumulator, so the pool earns from the next block on.
        Pool storage pool = _pools[pid];
        pool.lpToken = IERC20(lpToken);
        pool.allocPoint = uint16(allocPoint); // <= MAX_ALLOC_POINT, checked above
        _pidPlusOne[lpToken] = pid + 1;
        _poolLength = uint24(pid + 1); // < MAX_POOLS, checked above
        _totalAllocPoint = uint64(totalAlloc + allocPoint); // <= MAX_POOLS * MAX_ALLOC_POINT < 2^40
        emit PoolAdded(pid, lpToken, allocPoint);
    }

    /// @inheritdoc IFarm
    function set(uint256 pid, uint256 allocPoint) external onlyOwner {
        if (allocPoint > MAX_ALLOC_POINT) revert AllocPointTooLarge(allocPoint, MAX_ALLOC_POINT);
        Pool storage pool = _pool(pid);
        uint256 totalAlloc = _totalAllocPoint;
        _updatePool(pool, _checkpointEmission(totalAlloc)); // settle at the old allocation first
        uint256 oldAllocPoint = pool.allocPoint;
        pool.allocPoint = uint16(allocPoint); // <= MAX_ALLOC_POINT, checked above
        unchecked {
            // The total includes the old allocation, and stays below 2^40 as in add.
            _totalAllocPoint = uint64(totalAlloc - oldAllocPoint + allocPoint);
        }
        emit PoolSet(pid, allocPoint);
    }

    /// @inheritdoc IFarm
    function setRewardPerBlock(uint256 newRewardPerBlock) external onlyOwner {
        if (newRewardPerBlock > MAX_REWARD_PER_BLOCK) {
            revert RewardPerBlockTooLarge(newRewardPerBlock, MAX_REWARD_PER_BLOCK);
        }
        _updateEmission(_totalAllocPoint); // settle at the old rate first
        _restartSchedule(newRewardPerBlock);
        emit RewardPerBlockSet(newRewardPerBlock);
    }

    /// @inheritdoc IFarm
    function pause() external onlyOwner {
        _pause();
    }

    /// @inheritdoc IFarm
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @inheritdoc IFarmLocks
    function setLockTiers(uint256[] calldata durations, uint256[] calldata boostsBps) external onlyOwner {
        uint256 count = durations.length;
        if (boostsBps.length != count) revert LockTiersMismatch(count, boostsBps.length);
        if (count > MAX_LOCK_TIERS) revert TooManyLockTiers(count, MAX_LOCK_TIERS);
        delete _lockTiers;
        uint256 previousDuration;
        uint256 previousBoost = MIN_BOOST_BPS;
        uint256 longest = MAX_LOCK_EPOCHS * epochBlocks;
        for (uint256 i; i < count; ++i) {
            uint256 duration = durations[i];
            uint256 boost = boostsBps[i];
            if (duration <= previousDuration || duration > longest) revert LockDurationInvalid(i, duration);
            if (boost < previousBoost || boost > MAX_BOOST_BPS) revert BoostInvalid(i, boost);
            _lockTiers.push(LockTier(uint64(duration), uint16(boost))); // both checked just above
            (previousDuration, previousBoost) = (duration, boost);
        }
        ++lockTermsVersion;
        emit LockTiersSet(durations, boostsBps);
    }

    /// @inheritdoc IFarmLocks
    function setEarlyExitPenalty(uint256 penaltyBps, address recipient) external onlyOwner {
        if (penaltyBps > MAX_PENALTY_BPS) revert PenaltyTooLarge(penaltyBps, MAX_PENALTY_BPS);
        if (recipient == address(0)) revert ZeroRecipient();
        if (recipient == address(this)) revert FarmAsRecipient();
        _penaltyTerms.push(PenaltyTerms(recipient, uint16(penaltyBps))); // <= MAX_PENALTY_BPS
        ++lockTermsVersion;
        emit EarlyExitPenaltySet(penaltyBps, recipient);
    }

    /// @inheritdoc IFarmLocks
    function emergencyUnlock(uint256 pid) external onlyOwner {
        (Pool storage pool, uint256 accRewardPerShare,) = _accrue(pid); // every boost counts up to here
        PoolLocks memory locks = pool.locks;
        if (locks.emergencyUnlockBlock != 0) revert PoolEmergencyUnlocked(pid);
        pool.totalShares -= locks.boostShares; // running locks now weigh their LP
        pool.locks = PoolLocks(locks.lastEnd, 0, uint64(block.number));
        pool.nextBoundary = uint64(_firstBoundaryAfter(block.number));
        pool.accRewardPerPointPaid &= uint128(~EXPIRIES_AHEAD); // no end ahead counts any more
        // Locks that ended before keep their own boundaries; the others settle at this block.
        pool.expiries[block.number] = accRewardPerShare;
        emit EmergencyUnlocked(pid);
        if (pool.partnered) partnerRewarder.onEmergencyUnlock(pid);
    }

    /// @notice Disabled: without an owner a paused farm could never pay the rewards it holds.
    function renounceOwnership() public view override onlyOwner {
        revert OwnershipCannotBeRenounced();
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IFarm
    function poolLength() external view returns (uint256) {
        return _poolLength;
    }

    /// @inheritdoc IFarm
    function poolInfo(uint256 pid)
        external
        view
        returns (address lpToken, uint256 allocPoint, uint256 totalStaked, uint256 accRewardPerShare)
    {
        Pool storage pool = _pool(pid);
        // Weights less what running locks add: the LP (boostShares counts every lock the pool has
        // not yet seen end, and so does totalShares).
        uint256 staked = pool.totalShares - pool.locks.boostShares;
        return (address(pool.lpToken), pool.allocPoint, staked, pool.accRewardPerShare);
    }

    /// @inheritdoc IFarm
    /// @dev `amount` counts the user's locked LP too; `rewardDebt` is its unlocked stake's.
    function userInfo(uint256 pid, address user) external view returns (uint256 amount, uint256 rewardDebt) {
        Staker storage staker = _stakers[pid][user];
        amount = staker.amount;
        if (staker.locked) amount += _locks[pid][user].amount;
        return (amount, staker.rewardDebt);
    }

    /// @inheritdoc IFarm
    function pendingReward(uint256 pid, address user) external view returns (uint256) {
        Pool storage pool = _pool(pid);
        (uint256 accRewardPerPoint,,) = _currentEmission(_totalAllocPoint);
        Staker storage staker = _stakers[pid][user];
        if (!staker.locked) {
            (uint256 unlockedAcc,,) = _poolAccRewardPerShare(pool, accRewardPerPoint, 0);
            return _pending(staker, unlockedAcc);
        }

        Lock storage position = _locks[pid][user];
        uint256 end = _lockEnd(pool, position.endBlock);
        // The pool's accumulator at the lock's end, if the pool has not stored it yet.
        (uint256 accRewardPerShare, uint256 atEnd,) = _poolAccRewardPerShare(pool, accRewardPerPoint, end);
        if (end < pool.nextBoundary) atEnd = pool.expiries[end];
        uint256 owed = _pending(staker, accRewardPerShare) + _lockOwed(position, end, atEnd, accRewardPerShare);
        if (end > block.number) return owed;
        // A payout now first joins the ended lock to the stake, re-rounding it as any change of
        // stake does (_setStake): show what that payout pays.
        uint256 joined = staker.amount + position.amount;
        uint256 rounding = Math.mulDiv(joined, accRewardPerShare, ACC_PER_SHARE_SCALE, Math.Rounding.Ceil)
            - Math.mulDiv(joined, accRewardPerShare, ACC_PER_SHARE_SCALE);
        return owed > rounding ? owed - rounding : 0;
    }

    /// @inheritdoc IFarmLocks
    function lockTiers() external view returns (uint256[] memory durations, uint256[] memory boostsBps) {
        uint256 count = _lockTiers.length;
        (durations, boostsBps) = (new uint256[](count), new uint256[](count));
        for (uint256 i; i < count; ++i) {
            (durations[i], boostsBps[i]) = (_lockTiers[i].duration, _lockTiers[i].boostBps);
        }
    }

    /// @inheritdoc IFarmLocks
    function earlyExitPenalty() external view returns (uint256 penaltyBps, address recipient) {
        PenaltyTerms memory terms = _penaltyTerms[_penaltyTerms.length - 1];
        return (terms.penaltyBps, terms.recipient);
    }

    /// @inheritdoc IFarmLocks
    function lockEnd(uint256 tier) external view returns (uint256 endBlock) {
        return _endFor(_tier(tier).duration);
    }

    /// @inheritdoc IFarmLocks
    function lockInfo(uint256 pid, address user)
        external
        view
        returns (
            uint256 amount,
            uint256 boostBps,
            uint256 startBlock_,
            uint256 endBlock,
            uint256 penaltyBps,
            address penaltyRecipient
        )
    {
        Pool storage pool = _pool(pid);
        if (!_stakers[pid][user].locked) return (0, 0, 0, 0, 0, address(0));
        Lock memory position = _locks[pid][user];
        PenaltyTerms memory terms = _penaltyTerms[position.terms];
        return (
            position.amount,
            position.boostBps,
            position.startBlock,
            _lockEnd(pool, position.endBlock),
            terms.penaltyBps,
            terms.recipient
        );
    }

    /// @inheritdoc IFarmLocks
    function earlyExitPenaltyOf(uint256 pid, address user) external view returns (uint256) {
        Pool storage pool = _pool(pid);
        if (!_stakers[pid][user].locked) return 0;
        Lock memory position = _locks[pid][user];
        if (_lockEnd(pool, position.endBlock) <= block.number) return 0;
        uint256 penaltyBps = _penaltyTerms[position.terms].penaltyBps;
        return Math.mulDiv(
            uint256(position.amount) * penaltyBps,
            position.endBlock - block.number,
            BPS * (position.endBlock - position.startBlock),
            Math.Rounding.Ceil
        );
    }

    /// @inheritdoc IFarmLocks
    function poolShares(uint256 pid)
        external
        view
        returns (uint256 totalShares, uint256 boostShares, uint256 emergencyUnlockBlock)
    {
        Pool storage pool = _pool(pid);
        // As of this block: boosts whose end has passed no longer count, whether or not anything
        // has brought the pool past it yet.
        (uint256 accRewardPerPoint,,) = _currentEmission(_totalAllocPoint);
        (,, totalShares) = _poolAccRewardPerShare(pool, accRewardPerPoint, 0);
        PoolLocks memory locks = pool.locks;
        return (totalShares, locks.boostShares - (pool.totalShares - totalShares), locks.emergencyUnlockBlock);
    }

    /// @inheritdoc IFarmOperators
    function isOperator(address user, address operator) public view returns (bool) {
        return user == operator || _operators[user][operator];
    }

    /// @inheritdoc IFarm
    function rewardToken() external view returns (address) {
        return address(_rewardToken);
    }

    /// @inheritdoc IFarm
    function rewardPerBlock() external view returns (uint256) {
        return _schedule.rewardPerBlock;
    }

    /// @inheritdoc IFarm
    function totalAllocPoint() external view returns (uint256) {
        return _totalAllocPoint;
    }

    /// @inheritdoc IFarm
    function rewardsRemaining() external view returns (uint256) {
        Schedule memory schedule = _schedule;
        // While no pool has allocation, blocks emit nothing (see _checkpointEmission).
        uint256 until = _totalAllocPoint == 0 ? _emission.lastRewardBlock : block.number;
        return schedule.budget - _emittedBy(schedule, until);
    }

    /// @inheritdoc IFarm
    function emissionEndBlock() external view returns (uint256) {
        Schedule memory schedule = _schedule;
        if (schedule.rewardPerBlock == 0) return type(uint256).max;
        uint256 blocks = (uint256(schedule.budget) + schedule.rewardPerBlock - 1) / schedule.rewardPerBlock;
        return schedule.checkpointBlock + blocks;
    }

    /*//////////////////////////////////////////////////////////////
                               ACCOUNTING
    //////////////////////////////////////////////////////////////*/

    /// @dev Checks `pid`, then brings emission and the pool up to this block.
    function _accrue(uint256 pid) private returns (Pool storage pool, uint256 accRewardPerShare, bool hadLocks) {
        pool = _pool(pid);
        (accRewardPerShare, hadLocks) = _updatePool(pool, _updateEmission(_totalAllocPoint));
    }

    /// @dev Unstakes `amount` of `user`'s unlocked LP to `to` and pays (or, while paused, keeps)
    ///      `user`'s reward, its lock's included.
    function _withdraw(uint256 pid, uint256 amount, address user, address to) private {
        (Pool storage pool, uint256 accRewardPerShare, bool hadLocks) = _accrue(pid);
        Staker storage staker = _stakers[pid][user];
        bool deferred = paused(); // harvests are stopped: keep the reward owed, pay it later
        uint256 lockReward =
            hadLocks && staker.locked ? _settleLock(pid, user, pool, staker, accRewardPerShare, !deferred) : 0;
        uint256 staked = staker.amount;
        if (amount > staked) revert WithdrawExceedsStake(pid, amount, staked);

        uint256 reward = _pending(staker, accRewardPerShare);
        if (amount != 0) {
            _setStake(staker, staked - amount, accRewardPerShare, deferred ? reward : 0);
            pool.totalShares -= uint112(amount); // amount <= staked <= totalShares
        } else if (!deferred) {
            _markPaid(staker, reward);
        }

        if (deferred) {
            // The new stake's debt is rounded up afresh, as at every stake change, so pendingReward
            // can now show up to 1 wei less than `reward`: report the figure it shows.
            if (amount != 0) reward = _pending(staker, accRewardPerShare);
            if (reward + lockReward != 0) emit RewardDeferred(user, pid, reward + lockReward);
        } else {
            _payReward(user, reward + lockReward); // like MasterChef: the mint's Transfer event records it
        }
        if (amount != 0) pool.lpToken.safeTransfer(to, amount);
        emit Withdraw(user, pid, amount);
        _reportPartners(pool, staker, pid, user, user);
    }

    /// @dev Pays `user`'s reward from every pool in `pids` to `to`, its locks' included.
    function _harvestAll(uint256[] calldata pids, address user, address to) private {
        uint256 total;
        uint256 accRewardPerPoint = _updateEmission(_totalAllocPoint); // once for all pools
        uint256 length = _poolLength;
        for (uint256 i; i < pids.length; ++i) {
            uint256 pid = pids[i];
            if (pid >= length) revert PoolNotFound(pid, length);
            Pool storage pool = _pools[pid];
            (uint256 accRewardPerShare, bool hadLocks) = _updatePool(pool, accRewardPerPoint);
            Staker storage staker = _stakers[pid][user];
            uint256 reward =
                hadLocks && staker.locked ? _settleLock(pid, user, pool, staker, accRewardPerShare, true) : 0;
            reward += _settle(staker, accRewardPerShare);
            if (reward != 0) {
                total += reward;
                emit Harvest(user, pid, reward);
            }
            // Partner tokens go to the staker, wherever an operator sends the farm's reward: an
            // operator (the zap) knows only the reward token and would strand any other.
            if (staker.partnered) _callPartners(pid, user, user);
        }
        // One mint for all pools: the reward token is touched once however many pools.
        if (total != 0) _rewardToken.mint(to, total);
    }

    /// @dev Stakes `amount` of the caller's LP for `to` and pays `to` its reward (and, when `to` is
    ///      the caller, its lock's: depositFor never touches another's lock).
    function _deposit(uint256 pid, uint256 amount, address to) private {
        (Pool storage pool, uint256 accRewardPerShare, bool hadLocks) = _accrue(pid);
        Staker storage staker = _stakers[pid][to];
        uint256 lockReward = hadLocks && to == msg.sender && staker.locked
            ? _settleLock(pid, to, pool, staker, accRewardPerShare, true)
            : 0;
        uint256 received = _pullLp(pool, amount);

        uint256 reward = _pending(staker, accRewardPerShare);
        if (received != 0) {
            uint256 totalShares = pool.totalShares + received;
            if (totalShares > MAX_TOTAL_STAKE) revert PoolStakeTooLarge(pid, totalShares, MAX_TOTAL_STAKE);
            _setStake(staker, staker.amount + received, accRewardPerShare, 0);
            pool.totalShares = uint112(totalShares); // checked just above
        } else {
            _markPaid(staker, reward);
        }

        _payReward(to, reward + lockReward); // like MasterChef: the mint's Transfer event records it
        emit Deposit(to, pid, received);
        _reportPartners(pool, staker, pid, to, to);
    }

    /// @dev Locks `amount` more of the caller's LP in pool `pid` and (re)starts its lock for `tier`,
    ///      if the terms are still those of `termsVersion`, which the caller saw.
    function _lock(uint256 pid, uint256 amount, uint256 tier, uint256 termsVersion) private {
        uint256 currentTerms = lockTermsVersion;
        if (termsVersion != currentTerms) revert LockTermsChanged(termsVersion, currentTerms);
        LockTier memory terms = _tier(tier);
        (Pool storage pool, uint256 accRewardPerShare,) = _accrue(pid);
        if (pool.locks.emergencyUnlockBlock != 0) revert PoolEmergencyUnlocked(pid);
        Staker storage staker = _stakers[pid][msg.sender];
        Lock storage position = _locks[pid][msg.sender];
        uint256 reward = _settleLock(pid, msg.sender, pool, staker, accRewardPerShare, true);
        uint256 received = _pullLp(pool, amount);

        uint256 end = _endFor(terms.duration);
        uint256 locked = received;
        uint256 totalShares = pool.totalShares;
        if (staker.locked) {
            // A running lock: it restarts whole, never ending earlier.
            uint256 currentEnd = position.endBlock;
            if (end < currentEnd) revert LockShortened(end, currentEnd);
            uint256 current = position.amount;
            uint256 currentBoosted = _boosted(current, position.boostBps);
            _removeExpiry(pool, currentEnd, currentBoosted - current);
            totalShares -= currentBoosted;
            locked += current;
        } else if (received == 0) {
            revert ZeroAmount();
        }
        uint256 boosted = _boosted(locked, terms.boostBps);
        totalShares += boosted;
        if (totalShares > MAX_TOTAL_STAKE) revert PoolStakeTooLarge(pid, totalShares, MAX_TOTAL_STAKE);
        pool.totalShares = uint112(totalShares); // checked just above
        _addExpiry(pool, end, boosted - locked);

        uint256 termsIndex = _penaltyTerms.length - 1;
        // locked <= totalShares <= MAX_TOTAL_STAKE, block numbers < 2^64, fewer than 2^32 terms.
        (position.amount, position.boostBps, position.startBlock, position.endBlock) =
            (uint112(locked), terms.boostBps, uint64(block.number), uint64(end));
        (position.rewardDebt, position.terms) = (_roundedUpAccrued(boosted, accRewardPerShare), uint32(termsIndex));
        staker.locked = true;

        _payReward(msg.sender, reward + _settle(staker, accRewardPerShare));
        PenaltyTerms memory penalty = _penaltyTerms[termsIndex];
        emit Locked(msg.sender, pid, received, locked, terms.boostBps, end, penalty.penaltyBps, penalty.recipient);
        _reportPartners(pool, staker, pid, msg.sender, msg.sender);
    }

    /// @dev Settles `user`'s lock in `pool` at `accRewardPerShare`, if it has one. A running
    ///      lock's reward is returned, and marked paid if `pay`; an ended lock joins the unlocked
    ///      stake with what it is owed (returns 0).
    function _settleLock(
        uint256 pid,
        address user,
        Pool storage pool,
        Staker storage staker,
        uint256 accRewardPerShare,
        bool pay
    ) private returns (uint256 reward) {
        if (!staker.locked) return 0;
        Lock storage position = _locks[pid][user];
        uint256 end = _lockEnd(pool, position.endBlock);
        if (end > block.number) {
            reward = _owed(_boosted(position.amount, position.boostBps), accRewardPerShare, position.rewardDebt);
            if (pay && reward != 0) {
                unchecked {
                    position.rewardDebt += uint128(reward); // reward <= 2^96; mod 2^128 as Staker's
                }
            }
            return reward;
        }
        // The pool has passed `end` (it is up to date): its accumulator there is stored.
        uint256 owed = _lockOwed(position, end, pool.expiries[end], accRewardPerShare);
        uint256 locked = position.amount;
        _setStake(staker, staker.amount + locked, accRewardPerShare, _pending(staker, accRewardPerShare) + owed);
        _clearLock(staker, position);
        emit Unlocked(user, pid, locked);
        return 0;
    }

    /// @dev For emergencyWithdraw: takes the caller's ended lock out of the pool with its reward
    ///      forfeited. Returns the LP leaving (`unlocked` plus the lock's) and the weight leaving.
    function _releaseEndedLock(uint256 pid, Pool storage pool, Staker storage staker, uint256 unlocked)
        private
        returns (uint256 amount, uint256 shares)
    {
        Lock storage position = _locks[pid][msg.sender];
        uint256 end = _lockEnd(pool, position.endBlock);
        if (end > block.number) return (unlocked, unlocked); // running: it stays
        uint256 locked = position.amount;
        shares = unlocked + locked;
        if (end >= pool.nextBoundary) {
            // The pool has not passed the end yet: it still counts the boost, due to stop there.
            uint256 boosted = _boosted(locked, position.boostBps);
            _removeExpiry(pool, end, boosted - locked);
            shares += boosted - locked;
        }
        _clearLock(staker, position);
        return (unlocked + locked, shares);
    }

    /// @dev Forgets `position` (field by field: `delete` would hash the keys again).
    function _clearLock(Staker storage staker, Lock storage position) private {
        (position.amount, position.boostBps, position.startBlock, position.endBlock) = (0, 0, 0, 0);
        (position.rewardDebt, position.terms) = (0, 0);
        staker.locked = false;
    }

    /// @dev Records that `bonus` weight stops at boundary `end`, which the pool has not passed. A
    ///      lock weighing its LP (no bonus) needs no boundary: its weight never changes.
    function _addExpiry(Pool storage pool, uint256 end, uint256 bonus) private {
        uint256 paid = pool.accRewardPerPointPaid;
        if (bonus == 0) {
            if (paid & HAD_LOCKS == 0) pool.accRewardPerPointPaid = uint128(paid | HAD_LOCKS);
            return;
        }
        pool.expiries[end] += bonus;
        pool.expiryBoundaries.mark(end, epochBlocks);
        _expiryBoundaries.mark(end, epochBlocks);
        // Before emission starts the global accumulator can already stand past `end`: it is the
        // same at every block up to there, so store it now.
        Emission memory emission = _emission;
        if (end <= emission.lastRewardBlock) _accRewardPerPointAt[end] = emission.accRewardPerPoint;
        if (end > _latestExpiry) _latestExpiry = end;

        PoolLocks memory locks = pool.locks;
        if (paid & EXPIRIES_AHEAD == 0) {
            // The pool looked at no boundary while it had no end ahead: start from the next one.
            pool.nextBoundary = uint64(_firstBoundaryAfter(block.number));
            pool.accRewardPerPointPaid = uint128(paid | EXPIRIES_AHEAD | HAD_LOCKS);
        }
        if (end > locks.lastEnd) locks.lastEnd = uint64(end);
        locks.boostShares += uint112(bonus); // <= totalShares, checked by the caller
        pool.locks = locks;
    }

    /// @dev Takes `bonus` weight out of boundary `end`, which the pool has not passed.
    function _removeExpiry(Pool storage pool, uint256 end, uint256 bonus) private {
        if (bonus == 0) return;
        pool.expiries[end] -= bonus;
        pool.locks.boostShares -= uint112(bonus); // it was added with the lock
    }

    /// @dev Marks what `staker` is owed at `accRewardPerShare` as paid and returns it.
    function _settle(Staker storage staker, uint256 accRewardPerShare) private returns (uint256 reward) {
        uint256 rewardDebt = staker.rewardDebt;
        reward = _owed(staker.amount, accRewardPerShare, rewardDebt);
        if (reward == 0) return 0;
        unchecked {
            staker.rewardDebt = uint128(rewardDebt + reward); // reward <= 2^96; mod 2^128 by design, see Staker
        }
    }

    /// @dev Adds a payment to the debt: the stake is unchanged, so no rounding is reset.
    function _markPaid(Staker storage staker, uint256 reward) private {
        if (reward == 0) return;
        unchecked {
            staker.rewardDebt += uint128(reward); // reward <= 2^96; mod 2^128 by design, see Staker
        }
    }

    /// @dev Adds reward owed to the stake without changing it (a lock's, when the lock goes away).
    function _credit(Staker storage staker, uint256 reward) private {
        if (reward == 0) return;
        unchecked {
            staker.rewardDebt -= uint128(reward); // reward <= 2^96; mod 2^128 by design, see Staker
        }
    }

    /// @dev Records a new stake of `amount`, settled up to `accRewardPerShare`, still owed `unpaid`.
    ///      `amount` never exceeds the pool's total weight, checked against MAX_TOTAL_STAKE.
    function _setStake(Staker storage staker, uint256 amount, uint256 accRewardPerShare, uint256 unpaid) private {
        uint256 accrued = _roundedUpAccrued(amount, accRewardPerShare);
        unchecked {
            staker.amount = uint112(amount); // <= MAX_TOTAL_STAKE
            staker.rewardDebt = uint128(accrued - unpaid); // mod 2^128 by design, see Staker
        }
    }

    /// @dev `shares * accRewardPerShare` rounded up, mod 2^128: a new stretch's debt (see Staker).
    function _roundedUpAccrued(uint256 shares, uint256 accRewardPerShare) private pure returns (uint128) {
        return uint128(Math.mulDiv(shares, accRewardPerShare, ACC_PER_SHARE_SCALE, Math.Rounding.Ceil));
    }

    /// @dev What `staker` is owed at `accRewardPerShare` (see Staker for why wrapping is exact).
    function _pending(Staker storage staker, uint256 accRewardPerShare) private view returns (uint256) {
        return _owed(staker.amount, accRewardPerShare, staker.rewardDebt);
    }

    /// @dev What a position of `shares` with `rewardDebt` is owed at `accRewardPerShare`.
    function _owed(uint256 shares, uint256 accRewardPerShare, uint256 rewardDebt) private pure returns (uint256) {
        uint256 accrued = Math.mulDiv(shares, accRewardPerShare, ACC_PER_SHARE_SCALE);
        unchecked {
            int128 owed = int128(uint128(accrued) - uint128(rewardDebt)); // mod 2^128, see Staker
            return owed > 0 ? uint128(owed) : 0;
        }
    }

    /// @dev What a lock that ended at `end` is owed at `accRewardPerShare`, given the pool's
    ///      accumulator `atEnd` there: its boosted weight up to `end`, then, re-rounded as at any
    ///      change of weight, its LP after. Each difference lies in [-1, 2^97], so the sum mod 2^128
    ///      is exact (see Staker).
    function _lockOwed(Lock storage position, uint256 end, uint256 atEnd, uint256 accRewardPerShare)
        private
        view
        returns (uint256)
    {
        uint256 locked = position.amount;
        uint256 boosted = _boosted(locked, position.boostBps);
        // Running, or weighing its LP throughout: no change of weight at the end to settle.
        if (end > block.number || boosted == locked) return _owed(boosted, accRewardPerShare, position.rewardDebt);
        uint256 upToEnd = Math.mulDiv(boosted, atEnd, ACC_PER_SHARE_SCALE);
        uint256 afterEnd = Math.mulDiv(locked, accRewardPerShare, ACC_PER_SHARE_SCALE);
        unchecked {
            int128 owed = int128(
                uint128(upToEnd) - uint128(position.rewardDebt) + uint128(afterEnd)
                    - _roundedUpAccrued(locked, atEnd)
            );
            return owed > 0 ? uint128(owed) : 0;
        }
    }

    /// @dev In a pool with partner rewards, reports `user`'s action to the partner rewarder, which
    ///      pays its partner rewards to `to` (zero: keeps them owed) and takes its weight afresh.
    function _reportPartners(Pool storage pool, Staker storage staker, uint256 pid, address user, address to)
        private
    {
        if (!pool.partnered) return;
        if (!staker.partnered) staker.partnered = true;
        _callPartners(pid, user, to);
    }

    /// @dev `partnerRewarder.onAction(pid, user, to)`, its revert passed on. In assembly for size:
    ///      the farm is near EIP-170's limit and this call is inlined at every action.
    function _callPartners(uint256 pid, address user, address to) private {
        address rewarder = address(partnerRewarder);
        bytes4 selector = IPartnerRewarder.onAction.selector;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let data := mload(0x40)
            mstore(data, selector)
            mstore(add(data, 0x04), pid)
            mstore(add(data, 0x24), user)
            mstore(add(data, 0x44), to)
            if iszero(call(gas(), rewarder, 0, data, 0x64, 0, 0)) {
                returndatacopy(data, 0, returndatasize())
                revert(data, returndatasize())
            }
        }
    }

    /// @dev Mints `reward` to `to`. Never fails for lack of supply: emission is clamped to the cap.
    function _payReward(address to, uint256 reward) private {
        if (reward != 0) _rewardToken.mint(to, reward);
    }

    /// @dev Catches `pool` up to the global accumulator and returns its reward per share, and
    ///      whether a lock was ever made in it (only then can a staker there have one).
    function _updatePool(Pool storage pool, uint256 accRewardPerPoint)
        private
        returns (uint256 accRewardPerShare, bool hadLocks)
    {
        uint256 paid = pool.accRewardPerPointPaid;
        if (paid == accRewardPerPoint) return (pool.accRewardPerShare, false);
        if (paid >= HAD_LOCKS) return (_updatePoolWithLocks(pool, accRewardPerPoint, paid), true); // a flag is set
        accRewardPerShare =
            _accrued(pool.accRewardPerShare, pool.allocPoint, paid, accRewardPerPoint, pool.totalShares);
        pool.accRewardPerShare = accRewardPerShare;
        pool.accRewardPerPointPaid = uint128(accRewardPerPoint); // < 2^126, see ACC_PER_POINT_SCALE
        return (accRewardPerShare, false);
    }

    /// @dev _updatePool for a pool where locks were made: first passes the boundaries due.
    function _updatePoolWithLocks(Pool storage pool, uint256 accRewardPerPoint, uint256 paidWithFlags)
        private
        returns (uint256 accRewardPerShare)
    {
        uint256 expiriesAhead = paidWithFlags & EXPIRIES_AHEAD;
        uint256 paid = paidWithFlags & ~(EXPIRIES_AHEAD | HAD_LOCKS);
        accRewardPerShare = pool.accRewardPerShare;
        uint256 shares = pool.totalShares;
        uint256 allocPoint = pool.allocPoint;
        if (expiriesAhead != 0 && pool.nextBoundary <= block.number) {
            (accRewardPerShare, paid, shares, expiriesAhead) =
                _passBoundaries(pool, allocPoint, accRewardPerShare, paid, shares);
            pool.totalShares = uint112(shares); // only lowered
        }
        accRewardPerShare = _accrued(accRewardPerShare, allocPoint, paid, accRewardPerPoint, shares);
        pool.accRewardPerShare = accRewardPerShare;
        // The value stays below 2^126 (see ACC_PER_POINT_SCALE), under the flags.
        pool.accRewardPerPointPaid = uint128(accRewardPerPoint | expiriesAhead | HAD_LOCKS);
    }

    /// @dev Brings `pool` across every boundary up to this block at which one of its locks ends:
    ///      accrues up to it with the weights in force, stores its accumulator there and drops the
    ///      weight that stops there. Returns the new values, and EXPIRIES_AHEAD if an end is still
    ///      ahead. Work: one bitmap word per 256 epochs, about 9,000 gas per boundary where a boost
    ///      ends, and one read per boundary every lock left.
    function _passBoundaries(
        Pool storage pool,
        uint256 allocPoint,
        uint256 accRewardPerShare,
        uint256 paid,
        uint256 shares
    ) private returns (uint256, uint256, uint256, uint256) {
        PoolLocks memory locks = pool.locks;
        uint256 last = locks.lastEnd < block.number ? locks.lastEnd : block.number;
        uint256 boundary = pool.nextBoundary;
        while ((boundary = pool.expiryBoundaries.next(boundary, last, epochBlocks)) != 0) {
            uint256 expiring = pool.expiries[boundary];
            // Nothing left ending here (every lock moved or left): no weight changes, nothing to store.
            if (expiring != 0) {
                (accRewardPerShare, paid) = _accruedTo(boundary, accRewardPerShare, allocPoint, paid, shares);
                pool.expiries[boundary] = accRewardPerShare;
                shares -= expiring; // counted in shares since its lock
                locks.boostShares -= uint112(expiring);
            }
            boundary += epochBlocks;
        }
        pool.nextBoundary = uint64(_firstBoundaryAfter(block.number));
        pool.locks = locks;
        return (accRewardPerShare, paid, shares, locks.lastEnd > block.number ? EXPIRIES_AHEAD : 0);
    }

    /// @dev The pool's reward per share once caught up to `accRewardPerPoint`, without writing, its
    ///      accumulator at boundary `capture` if the catch-up passes it (for pendingReward), and its
    ///      total weight once the boosts due to end have ended.
    function _poolAccRewardPerShare(Pool storage pool, uint256 accRewardPerPoint, uint256 capture)
        private
        view
        returns (uint256 accRewardPerShare, uint256 atCapture, uint256 shares)
    {
        uint256 paid = pool.accRewardPerPointPaid;
        uint256 expiriesAhead = paid & EXPIRIES_AHEAD;
        paid &= ~(EXPIRIES_AHEAD | HAD_LOCKS);
        accRewardPerShare = pool.accRewardPerShare;
        shares = pool.totalShares;
        uint256 allocPoint = pool.allocPoint;
        uint256 boundary = pool.nextBoundary;
        if (expiriesAhead != 0 && boundary <= block.number) {
            uint256 lastEnd = pool.locks.lastEnd;
            uint256 last = lastEnd < block.number ? lastEnd : block.number;
            while ((boundary = pool.expiryBoundaries.next(boundary, last, epochBlocks)) != 0) {
                uint256 expiring = pool.expiries[boundary];
                if (expiring != 0) {
                    (accRewardPerShare, paid) = _accruedTo(boundary, accRewardPerShare, allocPoint, paid, shares);
                    if (boundary == capture) atCapture = accRewardPerShare;
                    shares -= expiring;
                }
                boundary += epochBlocks;
            }
        }
        accRewardPerShare = _accrued(accRewardPerShare, allocPoint, paid, accRewardPerPoint, shares);
    }

    /// @dev `accRewardPerShare` plus what `allocPoint` earned as the global accumulator went from
    ///      `fromPerPoint` to `toPerPoint`, over `shares`. With nothing staked the pool's share of
    ///      emission in between goes to no one, as in MasterChef.
    function _accrued(
        uint256 accRewardPerShare,
        uint256 allocPoint,
        uint256 fromPerPoint,
        uint256 toPerPoint,
        uint256 shares
    ) private pure returns (uint256) {
        if (shares == 0) return accRewardPerShare;
        unchecked {
            // The global accumulator only grows, so the delta is not negative. allocPoint * delta
            // is at most what all pools were credited, < 2^96 * 1e9, so the scaled reward, and the
            // accumulator adding it up, stay below 2^96 * 1e48 < 2^256 (ACC_PER_SHARE_SCALE).
            uint256 poolReward = allocPoint * (toPerPoint - fromPerPoint);
            return accRewardPerShare + poolReward * POINT_TO_SHARE_SCALE / shares;
        }
    }

    /// @dev `accRewardPerShare` and the pool's checkpoint brought up to boundary `boundary`. A pool
    ///      without allocation earns nothing there and needs no global accumulator: which is why
    ///      boundaries passed while no pool had any need not be stored (see _restartSchedule).
    function _accruedTo(uint256 boundary, uint256 accRewardPerShare, uint256 allocPoint, uint256 paid, uint256 shares)
        private
        view
        returns (uint256, uint256)
    {
        if (allocPoint == 0) return (accRewardPerShare, paid);
        uint256 atBoundary = _accRewardPerPointAtBoundary(boundary);
        return (_accrued(accRewardPerShare, allocPoint, paid, atBoundary, shares), atBoundary);
    }

    /// @dev The global accumulator at boundary `boundary`, which has a lock ending: stored when
    ///      emission passed it, or, while emission has not, what it will be there.
    function _accRewardPerPointAtBoundary(uint256 boundary) private view returns (uint256) {
        Emission memory emission = _emission;
        if (boundary <= emission.lastRewardBlock) return _accRewardPerPointAt[boundary];
        (uint256 accRewardPerPoint,) = _emissionAt(emission, _schedule, _totalAllocPoint, boundary);
        return accRewardPerPoint;
    }

    /// @dev The end block of a lock made now for `duration`: rounded up to a boundary.
    function _endFor(uint256 duration) private view returns (uint256) {
        uint256 epoch = epochBlocks;
        return (block.number + duration + epoch - 1) / epoch * epoch;
    }

    /// @dev The first epoch boundary after `blockNumber`.
    function _firstBoundaryAfter(uint256 blockNumber) private view returns (uint256) {
        uint256 epoch = epochBlocks;
        return (blockNumber / epoch + 1) * epoch;
    }

    /// @dev A lock's end in `pool`: its own, or the pool's emergency unlock block if earlier.
    function _lockEnd(Pool storage pool, uint256 endBlock) private view returns (uint256) {
        uint256 unlockedAt = pool.locks.emergencyUnlockBlock;
        return unlockedAt != 0 && unlockedAt < endBlock ? unlockedAt : endBlock;
    }

    /// @dev The weight of `amount` LP at `boostBps`.
    function _boosted(uint256 amount, uint256 boostBps) private pure returns (uint256) {
        return amount * boostBps / BPS;
    }

    /// @dev Tier `tier`, which must exist.
    function _tier(uint256 tier) private view returns (LockTier memory) {
        uint256 count = _lockTiers.length;
        if (tier >= count) revert UnknownTier(tier, count);
        return _lockTiers[tier];
    }

    /// @dev Approves the farm through `lpToken`'s EIP-2612 permit.
    function _permit(IERC20 lpToken, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s) private {
        if (block.timestamp > deadline) revert PermitExpired(deadline, block.timestamp);
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(address(lpToken)).permit(msg.sender, address(this), amount, deadline, v, r, s) {}
        catch {
            // Anyone can submit a signed permit first; the allowance it set serves just as well.
            if (lpToken.allowance(msg.sender, address(this)) < amount) revert PermitInvalid(address(lpToken));
        }
    }

    /// @dev Takes `amount` of the caller's LP and returns what arrived, so fee-on-transfer tokens
    ///      cannot inflate stakes.
    function _pullLp(Pool storage pool, uint256 amount) private returns (uint256) {
        if (amount == 0) return 0;
        IERC20 lpToken = pool.lpToken;
        uint256 balanceBefore = lpToken.balanceOf(address(this));
        lpToken.safeTransferFrom(msg.sender, address(this), amount);
        return lpToken.balanceOf(address(this)) - balanceBefore;
    }

    /// @dev Brings the global accumulator up to this block and returns it.
    function _updateEmission(uint256 totalAlloc) private returns (uint256 accRewardPerPoint) {
        Emission memory emission = _emission;
        if (block.number <= emission.lastRewardBlock || totalAlloc == 0) return emission.accRewardPerPoint;
        uint256 remainder;
        (accRewardPerPoint, remainder) = _emissionAt(emission, _schedule, totalAlloc, block.number);
        _advanceEmission(emission, accRewardPerPoint, remainder, totalAlloc);
    }

    /// @dev The global accumulator and its remainder as of this block, and whether they moved since
    ///      they were stored. While no pool has allocation nothing is emitted and `lastRewardBlock`
    ///      stays put, so `_checkpointEmission` can skip those blocks.
    function _currentEmission(uint256 totalAlloc)
        private
        view
        returns (uint256 accRewardPerPoint, uint256 remainder, bool changed)
    {
        Emission memory emission = _emission;
        if (block.number <= emission.lastRewardBlock || totalAlloc == 0) {
            return (emission.accRewardPerPoint, emission.remainder, false);
        }
        (accRewardPerPoint, remainder) = _emissionAt(emission, _schedule, totalAlloc, block.number);
        return (accRewardPerPoint, remainder, true);
    }

    /// @dev The global accumulator and remainder at `blockNumber`, from `emission` under `schedule`
    ///      and `totalAlloc`. Carrying the remainder makes this the same whether it is computed in
    ///      one step or in many: `acc * totalAlloc + remainder` grows by exactly `emitted * 1e9`.
    function _emissionAt(Emission memory emission, Schedule memory schedule, uint256 totalAlloc, uint256 blockNumber)
        private
        pure
        returns (uint256 accRewardPerPoint, uint256 remainder)
    {
        // Callers ask only for blocks after `lastRewardBlock`, with allocation (totalAlloc > 0):
        // emission updates return early without, and a pool without allocation asks nothing.
        unchecked {
            // Emission only grows with the block number, so the difference is not negative. All
            // emission is below 2^96, so the accumulator stays below 2^126 (ACC_PER_POINT_SCALE),
            // and the remainder below totalAlloc < 2^40.
            uint256 emitted = _emittedBy(schedule, blockNumber) - _emittedBy(schedule, emission.lastRewardBlock);
            uint256 scaled = emitted * ACC_PER_POINT_SCALE + emission.remainder;
            return (emission.accRewardPerPoint + scaled / totalAlloc, scaled % totalAlloc);
        }
    }

    /// @dev Stores emission as of this block, first storing the accumulator at every boundary
    ///      passed on the way at which a lock ends (usually none: one bound check).
    function _advanceEmission(
        Emission memory emission,
        uint256 accRewardPerPoint,
        uint256 remainder,
        uint256 totalAlloc
    ) private {
        if (_firstBoundaryAfter(emission.lastRewardBlock) <= block.number) {
            uint256 latest = _latestExpiry; // no boundary to store past the latest end
            if (latest > emission.lastRewardBlock) {
                _storeBoundaries(emission, latest < block.number ? latest : block.number, totalAlloc);
            }
        }
        _storeEmission(accRewardPerPoint, block.number, remainder);
    }

    /// @dev Stores the global accumulator at each boundary after `emission.lastRewardBlock` up to
    ///      `to` at which a lock ends, as `emission` under the current schedule gives it there.
    function _storeBoundaries(Emission memory emission, uint256 to, uint256 totalAlloc) private {
        Schedule memory schedule = _schedule;
        uint256 boundary = _firstBoundaryAfter(emission.lastRewardBlock);
        while ((boundary = _expiryBoundaries.next(boundary, to, epochBlocks)) != 0) {
            (uint256 accRewardPerPoint,) = _emissionAt(emission, schedule, totalAlloc, boundary);
            _accRewardPerPointAt[boundary] = accRewardPerPoint;
            boundary += epochBlocks;
        }
    }

    /// @dev Brings emission up to this block before `add` or `set` may change the total allocation,
    ///      and returns the accumulator. The remainder is dropped: it was a share of the old total,
    ///      and carried into the new one it could move up to (old total / 1e9) wei between pools.
    ///      Each pool loses under allocPoint / 1e9 < 7e-5 wei of it. If no pool had allocation, the idle
    ///      blocks emitted nothing: restart the schedule so they spend no budget.
    function _checkpointEmission(uint256 totalAlloc) private returns (uint256 accRewardPerPoint) {
        if (totalAlloc == 0) {
            _restartSchedule(_schedule.rewardPerBlock);
            return _emission.accRewardPerPoint; // nothing was emitted, so the remainder is 0 too
        }
        uint256 remainder;
        bool changed;
        (accRewardPerPoint, remainder, changed) = _currentEmission(totalAlloc);
        if (changed) _advanceEmission(_emission, accRewardPerPoint, 0, totalAlloc);
        else if (remainder != 0) _emission.remainder = 0;
    }

    /// @dev Writes the emission slot. Each value fits: see ACC_PER_POINT_SCALE and Emission.
    function _storeEmission(uint256 accRewardPerPoint, uint256 lastRewardBlock, uint256 remainder) private {
        Emission storage emission = _emission;
        (emission.accRewardPerPoint, emission.lastRewardBlock, emission.remainder) =
            (uint128(accRewardPerPoint), uint64(lastRewardBlock), uint64(remainder));
    }

    /// @dev Restarts the schedule at this block (or at the start block, if later) with `rate`,
    ///      keeping the budget not yet emitted. The accumulator must already be up to date, so
    ///      `lastRewardBlock` only moves over blocks that emitted nothing: blocks before the start,
    ///      where it does not move, or blocks where no pool had allocation, whose boundaries no
    ///      pool needs the accumulator at (_accruedTo), so none is stored however long the spell.
    function _restartSchedule(uint256 rate) private {
        Schedule memory schedule = _schedule;
        uint64 lastRewardBlock = _emission.lastRewardBlock;
        uint256 from = block.number > schedule.checkpointBlock ? block.number : schedule.checkpointBlock;
        uint256 budget = schedule.budget - _emittedBy(schedule, lastRewardBlock);
        // rate <= MAX_REWARD_PER_BLOCK, budget <= the schedule's, block numbers < 2^64.
        _schedule = Schedule(uint96(rate), uint96(budget), uint64(from));
        if (lastRewardBlock != from) _emission.lastRewardBlock = uint64(from);
    }

    /// @dev Reward the schedule emits from its checkpoint up to `blockNumber`, capped by its budget.
    function _emittedBy(Schedule memory schedule, uint256 blockNumber) private pure returns (uint256) {
        if (blockNumber <= schedule.checkpointBlock) return 0;
        uint256 scheduled;
        unchecked {
            // Block numbers stay below 2^64 and the rate below 2^96, so this cannot overflow.
            scheduled = (blockNumber - schedule.checkpointBlock) * schedule.rewardPerBlock;
        }
        return scheduled < schedule.budget ? scheduled : schedule.budget;
    }

    /// @dev Only `user` and the operators it approved act for it.
    function _checkOperator(address user) private view {
        if (!isOperator(user, msg.sender)) revert NotOperator(user, msg.sender);
    }

    /// @dev LP or rewards sent to the farm could never leave it; the zero address burns them.
    function _checkRecipient(address to) private view {
        if (to == address(0)) revert ZeroRecipient();
        if (to == address(this)) revert FarmAsRecipient();
    }

    /// @dev The pool `pid`, which must exist. Pools are never removed, so the count tells.
    function _pool(uint256 pid) private view returns (Pool storage) {
        uint256 length = _poolLength;
        if (pid >= length) revert PoolNotFound(pid, length);
        return _pools[pid];
    }
}
