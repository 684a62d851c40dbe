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
import {IRewardToken} from "./interfaces/IRewardToken.sol";

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
contract Farm is IFarm, Ownable2Step, Pausable {
    using SafeERC20 for IERC20;

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

    /*//////////////////////////////////////////////////////////////
                                STORAGE
    //////////////////////////////////////////////////////////////*/

    IRewardToken private immutable _rewardToken;

    /// @inheritdoc IFarm
    uint256 public immutable startBlock;

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

    struct Pool {
        IERC20 lpToken; // slot 0: read by deposits and withdrawals only
        uint256 accRewardPerShare; // slot 1, read and written by every reward update: in 1e-48 wei
        uint112 totalStaked; // slot 2, also read and written by every reward update
        uint128 accRewardPerPointPaid; // the global accumulator when this pool last caught up
        uint16 allocPoint;
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
        uint128 amount; // <= its pool's totalStaked <= MAX_TOTAL_STAKE
        uint128 rewardDebt;
    }

    mapping(uint256 pid => mapping(address user => Staker)) private _stakers;

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
    constructor(IRewardToken rewardToken_, uint256 rewardPerBlock_, uint256 startBlock_, address owner_)
        Ownable(owner_)
    {
        address minter = rewardToken_.minter();
        if (minter != address(this)) revert FarmIsNotMinter(minter);
        uint256 budget = rewardToken_.cap() - rewardToken_.totalSupply();
        if (budget > MAX_EMISSION) revert EmissionBudgetTooLarge(budget, MAX_EMISSION);
        if (rewardPerBlock_ > MAX_REWARD_PER_BLOCK) {
            revert RewardPerBlockTooLarge(rewardPerBlock_, MAX_REWARD_PER_BLOCK);
        }

        if (startBlock_ > MAX_START_BLOCK) revert StartBlockTooLarge(startBlock_, MAX_START_BLOCK);

        uint256 start = startBlock_ > block.number ? startBlock_ : block.number;
        _rewardToken = rewardToken_;
        startBlock = start;
        // Each value was checked against its field's width above (block numbers stay below 2^64).
        _schedule = Schedule(uint96(rewardPerBlock_), uint96(budget), uint64(start));
        _emission = Emission(0, uint64(start), 0);
        emit RewardPerBlockSet(rewardPerBlock_);
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
        if (to == address(0)) revert ZeroRecipient();
        // LP credited to the farm could never leave, and rewards minted to it would be stranded.
        if (to == address(this)) revert FarmAsRecipient();
        _deposit(pid, amount, to);
    }

    /// @inheritdoc IFarm
    function depositWithPermit(uint256 pid, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        whenNotPaused
    {
        if (block.timestamp > deadline) revert PermitExpired(deadline, block.timestamp);
        IERC20 lpToken = _pool(pid).lpToken;
        // solhint-disable-next-line no-empty-blocks
        try IERC20Permit(address(lpToken)).permit(msg.sender, address(this), amount, deadline, v, r, s) {}
        catch {
            // Anyone can submit a signed permit first; the allowance it set serves just as well.
            if (lpToken.allowance(msg.sender, address(this)) < amount) revert PermitInvalid(address(lpToken));
        }
        _deposit(pid, amount, msg.sender);
    }

    /// @inheritdoc IFarm
    function withdraw(uint256 pid, uint256 amount) external nonReentrant {
        (Pool storage pool, uint256 accRewardPerShare) = _accrue(pid);
        Staker storage staker = _stakers[pid][msg.sender];
        uint256 staked = staker.amount;
        if (amount > staked) revert WithdrawExceedsStake(pid, amount, staked);

        uint256 reward = _pending(staker, accRewardPerShare);
        bool deferred = paused(); // harvests are stopped: keep the reward owed, pay it later
        if (amount != 0) {
            _setStake(staker, staked - amount, accRewardPerShare, deferred ? reward : 0);
            pool.totalStaked -= uint112(amount); // amount <= staked <= totalStaked
        } else if (!deferred) {
            _markPaid(staker, reward);
        }

        if (deferred) {
            // The new stake's debt is rounded up afresh, as at every stake change, so pendingReward
            // can now show up to 1 wei less than `reward`: report the figure it shows.
            if (amount != 0) reward = _pending(staker, accRewardPerShare);
            if (reward != 0) emit RewardDeferred(msg.sender, pid, reward);
        } else {
            _payReward(msg.sender, reward); // like MasterChef: the mint's Transfer event records it
        }
        if (amount != 0) pool.lpToken.safeTransfer(msg.sender, amount);
        emit Withdraw(msg.sender, pid, amount);
    }

    /// @inheritdoc IFarm
    function harvest(uint256 pid) external nonReentrant whenNotPaused {
        (, uint256 accRewardPerShare) = _accrue(pid);
        uint256 reward = _settle(_stakers[pid][msg.sender], accRewardPerShare);
        if (reward != 0) {
            _rewardToken.mint(msg.sender, reward);
            emit Harvest(msg.sender, pid, reward);
        }
    }

    /// @inheritdoc IFarm
    function harvestAll(uint256[] calldata pids) external nonReentrant whenNotPaused {
        uint256 total;
        uint256 accRewardPerPoint = _updateEmission(_totalAllocPoint); // once for all pools
        for (uint256 i; i < pids.length; ++i) {
            uint256 pid = pids[i];
            uint256 accRewardPerShare = _updatePool(_pool(pid), accRewardPerPoint);
            uint256 reward = _settle(_stakers[pid][msg.sender], accRewardPerShare);
            if (reward != 0) {
                total += reward;
                emit Harvest(msg.sender, pid, reward);
            }
        }
        // One mint for all pools: the reward token is touched once however many pools.
        if (total != 0) _rewardToken.mint(msg.sender, total);
    }

    /// @inheritdoc IFarm
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
        (staker.amount, staker.rewardDebt) = (0, 0); // via the pointer: `delete` would hash the keys again
        uint256 staked = pool.totalStaked; // gas savings
        pool.totalStaked = uint112(staked - amount); // amount <= totalStaked
        if (amount != 0) lpToken.safeTransfer(msg.sender, amount);
        emit EmergencyWithdraw(msg.sender, pid, amount);
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
        return (address(pool.lpToken), pool.allocPoint, pool.totalStaked, pool.accRewardPerShare);
    }

    /// @inheritdoc IFarm
    function userInfo(uint256 pid, address user) external view returns (uint256 amount, uint256 rewardDebt) {
        Staker storage staker = _stakers[pid][user];
        return (staker.amount, staker.rewardDebt);
    }

    /// @inheritdoc IFarm
    function pendingReward(uint256 pid, address user) external view returns (uint256) {
        Pool storage pool = _pool(pid);
        (uint256 accRewardPerPoint,,) = _currentEmission(_totalAllocPoint);
        return _pending(_stakers[pid][user], _poolAccRewardPerShare(pool, accRewardPerPoint));
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
    function _accrue(uint256 pid) private returns (Pool storage pool, uint256 accRewardPerShare) {
        pool = _pool(pid);
        accRewardPerShare = _updatePool(pool, _updateEmission(_totalAllocPoint));
    }

    /// @dev Stakes `amount` of the caller's LP for `to` and pays `to` its reward.
    function _deposit(uint256 pid, uint256 amount, address to) private {
        (Pool storage pool, uint256 accRewardPerShare) = _accrue(pid);
        Staker storage staker = _stakers[pid][to];

        // Credit what actually arrived, so fee-on-transfer tokens cannot inflate stakes.
        uint256 received;
        if (amount != 0) {
            IERC20 lpToken = pool.lpToken;
            uint256 balanceBefore = lpToken.balanceOf(address(this));
            lpToken.safeTransferFrom(msg.sender, address(this), amount);
            received = lpToken.balanceOf(address(this)) - balanceBefore;
        }

        uint256 reward = _pending(staker, accRewardPerShare);
        if (received != 0) {
            uint256 totalStaked = pool.totalStaked + received;
            if (totalStaked > MAX_TOTAL_STAKE) revert PoolStakeTooLarge(pid, totalStaked, MAX_TOTAL_STAKE);
            _setStake(staker, staker.amount + received, accRewardPerShare, 0);
            pool.totalStaked = uint112(totalStaked); // checked just above
        } else {
            _markPaid(staker, reward);
        }

        _payReward(to, reward); // like MasterChef: the mint's Transfer event records it
        emit Deposit(to, pid, received);
    }

    /// @dev Marks what `staker` is owed at `accRewardPerShare` as paid and returns it.
    function _settle(Staker storage staker, uint256 accRewardPerShare) private returns (uint256 reward) {
        reward = _pending(staker, accRewardPerShare);
        _markPaid(staker, reward);
    }

    /// @dev Adds a payment to the debt: the stake is unchanged, so no rounding is reset.
    function _markPaid(Staker storage staker, uint256 reward) private {
        if (reward == 0) return;
        unchecked {
            staker.rewardDebt += uint128(reward); // reward <= 2^96; mod 2^128 by design, see Staker
        }
    }

    /// @dev Records a new stake of `amount`, settled up to `accRewardPerShare`, still owed `unpaid`.
    ///      `amount` never exceeds the pool's total stake, checked against MAX_TOTAL_STAKE.
    function _setStake(Staker storage staker, uint256 amount, uint256 accRewardPerShare, uint256 unpaid) private {
        uint256 accrued = Math.mulDiv(amount, accRewardPerShare, ACC_PER_SHARE_SCALE, Math.Rounding.Ceil);
        unchecked {
            staker.amount = uint128(amount); // <= MAX_TOTAL_STAKE
            staker.rewardDebt = uint128(accrued - unpaid); // mod 2^128 by design, see Staker
        }
    }

    /// @dev What `staker` is owed at `accRewardPerShare` (see Staker for why wrapping is exact).
    function _pending(Staker storage staker, uint256 accRewardPerShare) private view returns (uint256) {
        uint256 accrued = Math.mulDiv(staker.amount, accRewardPerShare, ACC_PER_SHARE_SCALE);
        unchecked {
            int128 owed = int128(uint128(accrued) - staker.rewardDebt); // mod 2^128, see Staker
            return owed > 0 ? uint128(owed) : 0;
        }
    }

    /// @dev Mints `reward` to `to`. Never fails for lack of supply: emission is clamped to the cap.
    function _payReward(address to, uint256 reward) private {
        if (reward != 0) _rewardToken.mint(to, reward);
    }

    /// @dev Catches `pool` up to the global accumulator and returns its reward per share.
    function _updatePool(Pool storage pool, uint256 accRewardPerPoint) private returns (uint256 accRewardPerShare) {
        if (pool.accRewardPerPointPaid == accRewardPerPoint) return pool.accRewardPerShare;
        accRewardPerShare = _poolAccRewardPerShare(pool, accRewardPerPoint);
        pool.accRewardPerShare = accRewardPerShare;
        pool.accRewardPerPointPaid = uint128(accRewardPerPoint); // < 2^126, see ACC_PER_POINT_SCALE
    }

    /// @dev The pool's reward per share once caught up to `accRewardPerPoint`. With nothing staked
    ///      the pool's share of emission in between goes to no one, as in MasterChef.
    function _poolAccRewardPerShare(Pool storage pool, uint256 accRewardPerPoint) private view returns (uint256) {
        uint256 accRewardPerShare = pool.accRewardPerShare;
        uint256 staked = pool.totalStaked;
        if (staked == 0) return accRewardPerShare;
        unchecked {
            // The global accumulator only grows, so the delta is not negative. allocPoint * delta
            // is at most what all pools were credited, < 2^96 * 1e9, so the scaled reward, and the
            // accumulator adding it up, stay below 2^96 * 1e48 < 2^256 (ACC_PER_SHARE_SCALE).
            uint256 poolReward = pool.allocPoint * (accRewardPerPoint - pool.accRewardPerPointPaid);
            return accRewardPerShare + poolReward * POINT_TO_SHARE_SCALE / staked;
        }
    }

    /// @dev Brings the global accumulator up to this block and returns it.
    function _updateEmission(uint256 totalAlloc) private returns (uint256 accRewardPerPoint) {
        uint256 remainder;
        bool changed;
        (accRewardPerPoint, remainder, changed) = _currentEmission(totalAlloc);
        if (changed) _storeEmission(accRewardPerPoint, block.number, remainder);
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
        accRewardPerPoint = emission.accRewardPerPoint;
        remainder = emission.remainder;
        if (block.number <= emission.lastRewardBlock || totalAlloc == 0) return (accRewardPerPoint, remainder, false);
        Schedule memory schedule = _schedule;
        unchecked {
            // Emission only grows with the block number, so the difference is not negative. All
            // emission is below 2^96, so the accumulator stays below 2^126 (ACC_PER_POINT_SCALE),
            // and the remainder below totalAlloc < 2^40.
            uint256 emitted = _emittedBy(schedule, block.number) - _emittedBy(schedule, emission.lastRewardBlock);
            uint256 scaled = emitted * ACC_PER_POINT_SCALE + remainder;
            return (accRewardPerPoint + scaled / totalAlloc, scaled % totalAlloc, true);
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
        if (changed) _storeEmission(accRewardPerPoint, block.number, 0);
        else if (remainder != 0) _emission.remainder = 0;
    }

    /// @dev Writes the emission slot. Each value fits: see ACC_PER_POINT_SCALE and Emission.
    function _storeEmission(uint256 accRewardPerPoint, uint256 lastRewardBlock, uint256 remainder) private {
        Emission storage emission = _emission;
        (emission.accRewardPerPoint, emission.lastRewardBlock, emission.remainder) =
            (uint128(accRewardPerPoint), uint64(lastRewardBlock), uint64(remainder));
    }

    /// @dev Restarts the schedule at this block (or at the start block, if later) with `rate`,
    ///      keeping the budget not yet emitted. The accumulator must already be up to date.
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

    /// @dev The pool `pid`, which must exist. Pools are never removed, so the count tells.
    function _pool(uint256 pid) private view returns (Pool storage) {
        uint256 length = _poolLength;
        if (pid >= length) revert PoolNotFound(pid, length);
        return _pools[pid];
    }
}
