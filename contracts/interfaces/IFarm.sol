// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

/// @title IFarm
/// @notice A MasterChef-compatible multi-pool farm: stake LP tokens, earn a reward token emitted per
///         block and shared across pools by allocation points. Names and argument orders follow
///         MasterChef so existing dashboards, zappers and TVL adapters work unchanged.
interface IFarm {
    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice `amount` LP was credited to `user` in pool `pid`.
    /// @param user The staker credited (the `to` of `depositFor`).
    /// @param pid Pool id.
    /// @param amount LP credited: what the farm received, which a fee-on-transfer token makes less
    ///        than what was sent.
    event Deposit(address indexed user, uint256 indexed pid, uint256 amount);
    /// @notice `user` took `amount` LP out of pool `pid`.
    /// @param user The staker, who receives the LP.
    /// @param pid Pool id.
    /// @param amount LP taken out of the stake.
    event Withdraw(address indexed user, uint256 indexed pid, uint256 amount);
    /// @notice `user` took all `amount` LP out of pool `pid` and forfeited its pending reward.
    /// @param user The staker, who receives the LP.
    /// @param pid Pool id.
    /// @param amount The whole stake (0 if there was none).
    event EmergencyWithdraw(address indexed user, uint256 indexed pid, uint256 amount);
    /// @notice `user` harvested `amount` reward earned in pool `pid` (`harvest`, `harvestAll`).
    ///         Rewards paid by `deposit` and `withdraw` show, as in MasterChef, only as the reward
    ///         token's mint `Transfer`: one event fewer on the most frequent actions.
    /// @param user The staker paid.
    /// @param pid Pool id.
    /// @param amount Reward paid, in reward token wei.
    event Harvest(address indexed user, uint256 indexed pid, uint256 amount);
    /// @notice A withdrawal while paused kept `user`'s reward in pool `pid` for later: `amount` is
    ///         all the reward now held for it there (earlier deferrals included), exactly what
    ///         `pendingReward` shows after the withdrawal, paid by its next harvest, deposit or
    ///         withdrawal after `unpause`.
    /// @param user The staker owed the reward.
    /// @param pid Pool id.
    /// @param amount All reward now held for `user` in the pool, in reward token wei.
    event RewardDeferred(address indexed user, uint256 indexed pid, uint256 amount);
    /// @notice Pool `pid` was created for `lpToken` with `allocPoint`.
    /// @param pid The new pool's id.
    /// @param lpToken The token it stakes.
    /// @param allocPoint Its share of emission, relative to `totalAllocPoint`.
    event PoolAdded(uint256 indexed pid, address indexed lpToken, uint256 allocPoint);
    /// @notice Pool `pid`'s allocation changed to `allocPoint`.
    /// @param pid Pool id.
    /// @param allocPoint The new allocation.
    /// @dev `pid` is not indexed: admin events are few enough to read whole, and the topic would
    ///      cost `set` its gas budget.
    event PoolSet(uint256 pid, uint256 allocPoint);
    /// @notice The emission rate changed to `newRewardPerBlock` from the next block on.
    /// @param newRewardPerBlock Reward per block, all pools together, in reward token wei.
    event RewardPerBlockSet(uint256 newRewardPerBlock);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice There is no pool `pid`; pools are numbered 0 to `poolLength - 1`.
    error PoolNotFound(uint256 pid, uint256 poolLength);
    /// @notice Withdrawing `requested` LP from pool `pid` exceeds the `staked` amount.
    error WithdrawExceedsStake(uint256 pid, uint256 requested, uint256 staked);
    /// @notice Rewards and LP cannot be credited to the zero address.
    error ZeroRecipient();
    /// @notice Rewards and LP cannot be credited to the farm itself: they could never leave it.
    error FarmAsRecipient();
    /// @notice Pool `pid` would hold `totalStaked` LP wei, above the per-pool maximum `max`.
    error PoolStakeTooLarge(uint256 pid, uint256 totalStaked, uint256 max);
    /// @notice The LP token is the zero address.
    error LpTokenZeroAddress();
    /// @notice `lpToken` has no code, so it cannot be a token.
    error LpTokenNotAContract(address lpToken);
    /// @notice The reward token cannot be staked: its balance would mix with rewards.
    error LpTokenIsRewardToken(address lpToken);
    /// @notice `lpToken` already has pool `pid`; one pool per LP token.
    error PoolAlreadyExists(address lpToken, uint256 pid);
    /// @notice `allocPoint` is above the per-pool maximum `max`.
    error AllocPointTooLarge(uint256 allocPoint, uint256 max);
    /// @notice `rewardPerBlock` is above the maximum `max`.
    error RewardPerBlockTooLarge(uint256 rewardPerBlock, uint256 max);
    /// @notice The farm holds the maximum number of pools.
    error TooManyPools(uint256 max);
    /// @notice The permit's `deadline` passed before the transaction was mined at `timestamp`.
    error PermitExpired(uint256 deadline, uint256 timestamp);
    /// @notice The permit for `lpToken` was rejected and no allowance covers the deposit.
    error PermitInvalid(address lpToken);
    /// @notice The reward token's minter is `minter`, not this farm.
    error FarmIsNotMinter(address minter);
    /// @notice The reward token could mint `budget` more, above what the farm can track (`max`).
    error EmissionBudgetTooLarge(uint256 budget, uint256 max);
    /// @notice The start block `startBlock` is above the largest the farm can keep, `max`.
    error StartBlockTooLarge(uint256 startBlock, uint256 max);
    /// @notice Ownership cannot be renounced: a paused farm would hold earned rewards forever.
    error OwnershipCannotBeRenounced();
    /// @notice A farm function was called again while one was still running.
    error ReentrancyGuardReentrantCall();

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice Number of pools.
    function poolLength() external view returns (uint256);

    /// @notice A pool's configuration and state.
    /// @param pid Pool id.
    /// @return lpToken The staked token.
    /// @return allocPoint The pool's share of emission, relative to `totalAllocPoint`.
    /// @return totalStaked LP credited to all stakers of the pool, locked LP included.
    /// @return accRewardPerShare Reward per unit of weight (scaled by 1e48, rounded down) as of the
    ///         pool's last update: per LP wei where nobody locked (IFarmLocks.poolShares).
    function poolInfo(uint256 pid)
        external
        view
        returns (address lpToken, uint256 allocPoint, uint256 totalStaked, uint256 accRewardPerShare);

    /// @notice A staker's position in a pool.
    /// @param pid Pool id.
    /// @param user Staker.
    /// @return amount LP credited to `user`, its lock's included (see IFarmLocks.lockInfo).
    /// @return rewardDebt Bookkeeping for `pendingReward`, kept mod 2^128: not MasterChef's
    ///         `amount * accRewardPerShare / 1e48` (it is rounded up when the stake changes, and a
    ///         withdrawal while paused lowers it by the reward it keeps, wrapping below zero when
    ///         that is larger). Compute nothing from it; read `pendingReward`.
    function userInfo(uint256 pid, address user) external view returns (uint256 amount, uint256 rewardDebt);

    /// @notice Reward `user` would receive by harvesting pool `pid` now.
    /// @param pid Pool id.
    /// @param user Staker.
    /// @return The reward in wei.
    function pendingReward(uint256 pid, address user) external view returns (uint256);

    /// @notice The reward token.
    function rewardToken() external view returns (address);

    /// @notice Reward emitted per block, all pools together.
    function rewardPerBlock() external view returns (uint256);

    /// @notice Sum of all pools' allocation points.
    function totalAllocPoint() external view returns (uint256);

    /// @notice Emission starts after this block.
    function startBlock() external view returns (uint256);

    /// @notice Reward the farm can still emit before reaching the token's cap.
    function rewardsRemaining() external view returns (uint256);

    /// @notice The last block that emits, given the current rate and remaining budget
    ///         (`type(uint256).max` while the rate is zero).
    function emissionEndBlock() external view returns (uint256);

    /*//////////////////////////////////////////////////////////////
                                 STAKERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Stakes `amount` LP in pool `pid` and pays the caller's pending reward.
    /// @dev `deposit(pid, 0)` only harvests, as MasterChef integrations expect.
    /// @param pid Pool id.
    /// @param amount LP to take from the caller (it must have approved the farm).
    function deposit(uint256 pid, uint256 amount) external;

    /// @notice Stakes `amount` of the caller's LP for `to`, and pays `to`'s pending reward to `to`.
    /// @param pid Pool id.
    /// @param amount LP to take from the caller.
    /// @param to Account credited with the LP: neither the zero address nor the farm.
    function depositFor(uint256 pid, uint256 amount, address to) external;

    /// @notice Approves through the LP token's EIP-2612 permit and stakes, in one transaction.
    /// @dev If the permit was already used (e.g. front-run) but the allowance covers `amount`,
    ///      the deposit still goes through.
    /// @param pid Pool id.
    /// @param amount LP to stake; also the permit's value.
    /// @param deadline Permit deadline (unix seconds).
    /// @param v Signature recovery id.
    /// @param r Signature r.
    /// @param s Signature s.
    function depositWithPermit(uint256 pid, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external;

    /// @notice Unstakes `amount` LP from pool `pid` and pays the caller's pending reward
    ///         (kept for later while the farm is paused; withdrawing always works).
    /// @param pid Pool id.
    /// @param amount LP to return to the caller.
    function withdraw(uint256 pid, uint256 amount) external;

    /// @notice Pays the caller's pending reward from pool `pid`.
    /// @param pid Pool id.
    function harvest(uint256 pid) external;

    /// @notice Pays the caller's pending reward from every pool in `pids`, in one transfer.
    /// @param pids Pool ids.
    function harvestAll(uint256[] calldata pids) external;

    /// @notice Returns all of the caller's LP in pool `pid` at once, forfeiting its pending reward.
    ///         Works while paused and whatever state the reward token is in.
    /// @dev Touches only the stake, not the accumulators: as in MasterChef, the caller's forfeited
    ///      share of the pool's emission since the pool's last update goes to the stakers who remain.
    /// @param pid Pool id.
    function emergencyWithdraw(uint256 pid) external;

    /// @notice Brings pool `pid`'s reward accounting up to this block. Never required: stakers are
    ///         paid their exact share within the rounding bound however often anyone calls it (an
    ///         update loses under totalStaked / 1e48 wei of the pool's reward, though it can move a
    ///         staker's floor across a whole wei).
    /// @param pid Pool id.
    function updatePool(uint256 pid) external;

    /// @notice Brings every pool's reward accounting up to this block. Never required for
    ///         correctness; kept for integrations that call it.
    function massUpdatePools() external;

    /*//////////////////////////////////////////////////////////////
                                 ADMIN
    //////////////////////////////////////////////////////////////*/

    /// @notice Owner: adds a pool for `lpToken`; it earns from the next block on.
    /// @param allocPoint The pool's share of emission.
    /// @param lpToken The token to stake (one pool per token).
    function add(uint256 allocPoint, address lpToken) external;

    /// @notice Owner: changes pool `pid`'s allocation from the next block on (from the first
    ///         emitting block, if emission has not started).
    /// @param pid Pool id.
    /// @param allocPoint New allocation.
    function set(uint256 pid, uint256 allocPoint) external;

    /// @notice Owner: changes the emission rate from the next block on (from the first emitting
    ///         block, if emission has not started).
    /// @param newRewardPerBlock New reward per block, all pools together.
    function setRewardPerBlock(uint256 newRewardPerBlock) external;

    /// @notice Owner: stops deposits and harvests. Withdrawals stay open.
    function pause() external;

    /// @notice Owner: resumes deposits and harvests.
    function unpause() external;
}
