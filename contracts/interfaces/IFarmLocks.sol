// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

/// @title IFarmLocks
/// @notice Time-locked stakes: lock LP in a pool for one of the owner's tiers and earn a boosted
///         share of the pool's emission until the lock's end block, exactly, with nobody having to
///         act at that block; leave early at a penalty in LP.
/// @dev The rules (README, "Locks"):
///      - Weights. A staker's weight in a pool is its unlocked LP plus, for its lock, the locked LP
///        times the lock's boost (in basis points, 10,000 = 1x, rounded down) while the lock runs,
///        and the locked LP after. Emission is shared pro rata to weights, never LP.
///      - One lock per staker per pool. `lock` takes LP from the caller's wallet into it; the whole
///        lock (what it held and what is added) then runs for the chosen tier from this block: its
///        end is this block plus the tier's duration, rounded up to a multiple of `epochBlocks`,
///        and it takes the tier's boost and the current early-exit terms, which must be those of
///        the `lockTermsVersion` the caller names (`LockTermsChanged`): what a staker was shown is
///        what it gets. The end can only move forward (`LockShortened`); `lock` with amount 0
///        extends. A lock whose boosted weight rounds to its LP never changes weight.
///      - Expiry. A lock ending at block E earns at its boost for the emission of every block up
///        to and including E, and at 1x after. Its LP can leave without penalty from block E on.
///        An ended lock's LP joins the staker's unlocked stake at its next action in the pool.
///      - Early exit (`exitLock`, while the lock runs): the caller gets the locked LP less
///        `ceil(locked * penaltyBps * (end - now) / (10,000 * (end - start)))`, which goes to the
///        recipient fixed with the lock. Rewards are never touched: what the lock earned up to the
///        exit is paid like a withdrawal's reward (kept for later while paused).
///      - Terms are fixed when a lock is made or renewed: boost, start, end, penalty rate and
///        recipient. Changing tiers or the penalty later changes only locks made after.
///      - `emergencyWithdraw` returns the unlocked stake and any ended lock's LP, never a running
///        lock. After the owner's irreversible `emergencyUnlock(pid)` every lock in the pool has
///        ended at that block (boost included) and its LP leaves by withdraw or emergencyWithdraw.
///      - `depositFor` adds unlocked LP only: nobody can create, add to or extend another's lock.
///      - Every action of a staker in a pool (deposit, depositWithPermit, withdraw, harvest,
///        harvestAll, lock, lockWithPermit, exitLock) also settles its lock: the lock's reward is
///        paid with the rest (while paused it stays owed, in the lock, or with the stake once the
///        lock is gone). emergencyWithdraw forfeits the reward of what it returns; a running lock
///        keeps what it earned.
///      Bounded work: a pool update visits each epoch boundary since the pool's last update at
///      which one of its locks ends (and reads one bitmap word per 256 epochs to find them); the
///      first farm action after a boundary at which any lock ends stores the global accumulator at
///      it (boundaries passed while no pool had allocation need none: no pool earns there). As
///      every lock ends within MAX_LOCK_EPOCHS epochs (+1 for the rounding) of the action that made
///      it, no update ever passes more than that many boundaries however long it was left alone,
///      and the worst case fits one transaction's gas (EIP-7825). No loop runs over stakers or pools.
interface IFarmLocks {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `user`'s lock in pool `pid` was made, topped up or extended.
    /// @param user The staker.
    /// @param pid Pool id.
    /// @param added LP added from the caller's wallet (what arrived; 0 for an extension).
    /// @param locked All LP in the lock now.
    /// @param boostBps The lock's boost (10,000 = 1x).
    /// @param endBlock The lock's end block, a multiple of `epochBlocks`.
    /// @param penaltyBps The early-exit penalty rate fixed with the lock.
    /// @param penaltyRecipient Where an early exit's penalty goes.
    event Locked(
        address indexed user,
        uint256 indexed pid,
        uint256 added,
        uint256 locked,
        uint256 boostBps,
        uint256 endBlock,
        uint256 penaltyBps,
        address penaltyRecipient
    );
    /// @notice `user` left its running lock in pool `pid` early.
    /// @param user The staker, who received `returned`.
    /// @param pid Pool id.
    /// @param returned LP returned to the staker.
    /// @param penalty LP sent to `penaltyRecipient`.
    /// @param penaltyRecipient The recipient fixed with the lock.
    event LockExited(
        address indexed user, uint256 indexed pid, uint256 returned, uint256 penalty, address penaltyRecipient
    );
    /// @notice `user`'s ended lock in pool `pid` joined its unlocked stake (`amount` LP).
    /// @param user The staker.
    /// @param pid Pool id.
    /// @param amount LP that was locked.
    event Unlocked(address indexed user, uint256 indexed pid, uint256 amount);
    /// @notice The lock tiers offered to new locks are now these.
    /// @param durations Each tier's duration in blocks, increasing.
    /// @param boostsBps Each tier's boost in basis points, not decreasing.
    event LockTiersSet(uint256[] durations, uint256[] boostsBps);
    /// @notice New locks get this early-exit penalty rate and recipient.
    /// @param penaltyBps Penalty for leaving at the very start, in basis points of the locked LP.
    /// @param recipient Where penalties of those locks go.
    event EarlyExitPenaltySet(uint256 penaltyBps, address recipient);
    /// @notice The owner ended every lock in pool `pid` at this block, for good.
    /// @param pid Pool id.
    event EmergencyUnlocked(uint256 indexed pid);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice There is no tier `tier`; tiers are numbered 0 to `tierCount - 1`.
    error UnknownTier(uint256 tier, uint256 tierCount);
    /// @notice Nothing to lock: the amount is 0 and the caller has no running lock to extend.
    error ZeroAmount();
    /// @notice The chosen tier would end the lock at `newEnd`, before its current end `end`.
    error LockShortened(uint256 newEnd, uint256 end);
    /// @notice `user` has no running lock in pool `pid` (none, or it has ended).
    error NotLocked(uint256 pid, address user);
    /// @notice Pool `pid` was emergency-unlocked: it takes no new locks, and cannot be unlocked again.
    error PoolEmergencyUnlocked(uint256 pid);
    /// @notice `durations` and `boostsBps` differ in length.
    error LockTiersMismatch(uint256 durations, uint256 boostsBps);
    /// @notice `count` tiers is more than the `max` a farm offers.
    error TooManyLockTiers(uint256 count, uint256 max);
    /// @notice Tier `index`'s duration is 0, above `MAX_LOCK_EPOCHS` epochs, or not above the tier before.
    error LockDurationInvalid(uint256 index, uint256 duration);
    /// @notice Tier `index`'s boost is below 1x, above `MAX_BOOST_BPS`, or below the tier before.
    error BoostInvalid(uint256 index, uint256 boostBps);
    /// @notice The early-exit penalty `penaltyBps` is above the hard cap `max`.
    error PenaltyTooLarge(uint256 penaltyBps, uint256 max);
    /// @notice `epochBlocks` must be from 1 to `max`.
    error EpochBlocksOutOfRange(uint256 epochBlocks, uint256 max);
    /// @notice The lock terms changed since the caller read them (version `expected`, now `current`):
    ///         read the tiers and the penalty again.
    error LockTermsChanged(uint256 expected, uint256 current);

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Lock ends are rounded up to multiples of this many blocks (about a day of blocks).
    function epochBlocks() external view returns (uint256);

    /// @notice Counts the owner's changes to the tiers and the early-exit terms. A lock names the
    ///         version whose terms the staker saw, and is refused if they changed since.
    function lockTermsVersion() external view returns (uint256);

    /// @notice The tiers new locks can choose from.
    /// @return durations Each tier's duration in blocks, increasing.
    /// @return boostsBps Each tier's boost in basis points (10,000 = 1x), not decreasing.
    function lockTiers() external view returns (uint256[] memory durations, uint256[] memory boostsBps);

    /// @notice The early-exit terms new locks get.
    /// @return penaltyBps Penalty for leaving at the very start, in basis points of the locked LP.
    /// @return recipient Where the penalty goes.
    function earlyExitPenalty() external view returns (uint256 penaltyBps, address recipient);

    /// @notice The end block a lock made (or renewed) now for `tier` would get.
    /// @param tier Tier index.
    /// @return endBlock This block plus the tier's duration, rounded up to a multiple of `epochBlocks`.
    function lockEnd(uint256 tier) external view returns (uint256 endBlock);

    /// @notice `user`'s lock in pool `pid` (all zero if none; an ended lock shows until the staker's
    ///         next action moves its LP to the unlocked stake).
    /// @param pid Pool id.
    /// @param user Staker.
    /// @return amount LP locked.
    /// @return boostBps Its boost while it runs.
    /// @return startBlock The block it was made or last renewed.
    /// @return endBlock Its end: the earlier of its own and the pool's emergency unlock block.
    /// @return penaltyBps Its early-exit penalty rate.
    /// @return penaltyRecipient Where its penalty goes.
    function lockInfo(uint256 pid, address user)
        external
        view
        returns (
            uint256 amount,
            uint256 boostBps,
            uint256 startBlock,
            uint256 endBlock,
            uint256 penaltyBps,
            address penaltyRecipient
        );

    /// @notice LP `exitLock(pid)` would send to the penalty recipient in this block (0 if the lock
    ///         has ended or there is none).
    /// @param pid Pool id.
    /// @param user Staker.
    function earlyExitPenaltyOf(uint256 pid, address user) external view returns (uint256);

    /// @notice Pool `pid`'s weights as of this block (a boost whose end has passed no longer counts,
    ///         even before anything has brought the pool past it).
    /// @param pid Pool id.
    /// @return totalShares All stakers' weights, by which the pool's emission is divided.
    /// @return boostShares The part of them that running locks add above their LP.
    /// @return emergencyUnlockBlock The block the owner unlocked the pool, or 0.
    function poolShares(uint256 pid)
        external
        view
        returns (uint256 totalShares, uint256 boostShares, uint256 emergencyUnlockBlock);

    /*//////////////////////////////////////////////////////////////
                                 STAKERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Locks `amount` more LP from the caller's wallet in pool `pid` and (re)starts the
    ///         whole lock for `tier` from this block. Also settles and pays the caller's reward.
    /// @param pid Pool id.
    /// @param amount LP to take from the caller (0 to extend a running lock).
    /// @param tier Tier index (see `lockTiers`).
    /// @param termsVersion The `lockTermsVersion` whose tiers and penalty the caller accepts.
    function lock(uint256 pid, uint256 amount, uint256 tier, uint256 termsVersion) external;

    /// @notice `lock` after approving through the LP token's EIP-2612 permit, in one transaction.
    /// @param pid Pool id.
    /// @param amount LP to lock; also the permit's value.
    /// @param tier Tier index.
    /// @param termsVersion The `lockTermsVersion` whose tiers and penalty the caller accepts.
    /// @param deadline Permit deadline (unix seconds).
    /// @param v Signature recovery id.
    /// @param r Signature r.
    /// @param s Signature s.
    function lockWithPermit(
        uint256 pid,
        uint256 amount,
        uint256 tier,
        uint256 termsVersion,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Leaves the caller's running lock in pool `pid` now, paying the early-exit penalty in
    ///         LP (see `earlyExitPenaltyOf`); the reward earned is paid (kept for later while paused).
    ///         Works while paused.
    /// @param pid Pool id.
    function exitLock(uint256 pid) external;

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Owner: the tiers new locks can choose from (existing locks keep their terms).
    /// @param durations Each tier's duration in blocks: increasing, from 1 to `MAX_LOCK_EPOCHS * epochBlocks`.
    /// @param boostsBps Each tier's boost: from 10,000 (1x) to `MAX_BOOST_BPS`, not decreasing.
    function setLockTiers(uint256[] calldata durations, uint256[] calldata boostsBps) external;

    /// @notice Owner: the early-exit penalty rate and recipient for new locks (existing locks keep
    ///         theirs).
    /// @param penaltyBps Up to `MAX_PENALTY_BPS`.
    /// @param recipient Neither the zero address nor the farm.
    function setEarlyExitPenalty(uint256 penaltyBps, address recipient) external;

    /// @notice Owner, irreversible: ends every lock in pool `pid` at this block, boosts included,
    ///         so all its LP can leave without penalty (a migration, a discovered bug). The owner
    ///         receives nothing.
    /// @param pid Pool id.
    function emergencyUnlock(uint256 pid) external;
}
