// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IPartnerRewarder
/// @notice Partner rewards ("double rewards"): extra tokens a sponsor streams to a pool's stakers on
///         top of the farm's reward token, pro rata to the same weights (lock boosts included).
/// @dev The rules (README, "Partner rewards"):
///      - Streams. A pool carries up to MAX_STREAMS partner tokens, one stream each. `fund` pays the
///        whole amount in at once and streams it evenly, block by block, from this block to
///        `endBlock`. Funding a running stream again (a top-up) re-spreads what it has not yet
///        streamed plus the new amount evenly from this block to the new end: the same end raises
///        the rate, a later end extends it; an end is never moved earlier.
///      - Who. The farm's owner, and the sponsors it approves for a pool (`setSponsor(pid, ...)`:
///        a sponsor can neither fill another pool's slots nor add the rewarder's call to its
///        actions), fund streams. A stream
///        belongs to the sponsor who funded it first: only that sponsor tops it up, and reclaims.
///        Once it has ended and its sponsor has reclaimed it, any sponsor may fund it afresh.
///      - Never short. Every token a stream promises is in this contract from the funding on;
///        nothing is ever paid from another stream's or another pool's tokens. Fee-on-transfer
///        tokens are refused (`FeeOnTransferToken`: what arrives must be what was sent). Rebasing
///        tokens are not supported: nothing reads balances to pay, so a token that takes balance
///        away makes its own payments fail, and they stay owed.
///      - Nothing staked. What a stream releases in blocks when no stake in the pool earns partner
///        rewards goes back to its sponsor: `reclaim` returns it once the stream has ended.
///      - Who earns. The pool's weights in the farm, as of each staker's last action in the pool
///        after partner rewards were enabled on it (deposit, even of 0, withdraw, lock, exitLock,
///        emergencyWithdraw), and exactly as the farm counts them from then on, a lock's boost
///        ending at its end block with nobody acting. A stake made before the pool's first stream
///        earns partner rewards from its owner's next such action in the pool (the farm's
///        `harvest` does not count: it reads no pool state to stay as cheap as before).
///      - Bounded work. Like the farm's, an update splits its catch-up at every epoch boundary where
///        a boost ends; it passes at most MAX_BOUNDARIES_PER_UPDATE of them, so that no farm action
///        ever needs more gas than a transaction may have (EIP-7825). A pool left alone while more
///        boosts ended stands at the last boundary passed, and the next update (any action, or
///        `catchUp`) goes on. Meanwhile a stake may only fall (withdraw, exit, emergencyWithdraw,
///        counted from where the streams stand: `catchUp` first to be paid up to the block); what
///        would raise a weight (deposit, lock), funding, reclaiming and the owner's emergency unlock
///        wait until it stands at the current block (`PoolBehind`).
///      - Paid with every harvest, harvestAll, deposit, withdraw, lock and exitLock in the pool,
///        to where the farm's reward goes. A payment that fails (the token reverts, returns false,
///        runs out of the gas allowed, or re-enters) never blocks the farm's action: it stays owed
///        and is paid with the next one, or by `claim`. While the farm is paused nothing is paid;
///        it stays owed. emergencyWithdraw touches no partner token: what was earned stays owed.
interface IPartnerRewarder {
    /// @notice A pool's partner stream, as `streams` returns it.
    /// @param token The partner token.
    /// @param sponsor Who funded it, tops it up and reclaims what no stake earned.
    /// @param startBlock Where the current stretch began (the funding or the last top-up).
    /// @param endBlock Where it ends.
    /// @param amount What the current stretch streams evenly from `startBlock` to `endBlock`.
    /// @param remaining What is still to stream from this block on.
    /// @param unclaimedBySponsor Released while nothing was staked: the sponsor's, after the end.
    struct StreamView {
        IERC20 token;
        address sponsor;
        uint256 startBlock;
        uint256 endBlock;
        uint256 amount;
        uint256 remaining;
        uint256 unclaimedBySponsor;
    }

    /*//////////////////////////////////////////////////////////////
                                 EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice The farm's owner approved `sponsor` to fund streams in pool `pid` (or withdrew that
    ///         approval).
    /// @param pid Pool id.
    /// @param sponsor The account.
    /// @param approved Whether it may fund streams there.
    event SponsorSet(uint256 indexed pid, address indexed sponsor, bool approved);

    /// @notice `sponsor` funded pool `pid`'s stream of `token` with `amount`: from now on it
    ///         streams `streaming` evenly up to `endBlock`.
    /// @param pid Pool id.
    /// @param token The partner token.
    /// @param sponsor The stream's sponsor.
    /// @param amount What this funding added.
    /// @param streaming What the stream now streams from this block to `endBlock`.
    /// @param endBlock The stream's end.
    event StreamFunded(
        uint256 indexed pid, IERC20 indexed token, address indexed sponsor, uint256 amount, uint256 streaming, uint256 endBlock
    );

    /// @notice `sponsor` took back `amount` of `token` that no stake in pool `pid` earned.
    /// @param pid Pool id.
    /// @param token The partner token.
    /// @param sponsor The stream's sponsor.
    /// @param amount What it took back.
    event StreamReclaimed(uint256 indexed pid, IERC20 indexed token, address indexed sponsor, uint256 amount);

    /// @notice `user` was paid `amount` of partner token `token` from pool `pid`, sent to `to`.
    /// @param user The staker.
    /// @param pid Pool id.
    /// @param token The partner token.
    /// @param amount What was paid.
    /// @param to Where it went.
    event PartnerRewardPaid(address indexed user, uint256 indexed pid, IERC20 indexed token, uint256 amount, address to);

    /// @notice `amount` of `token` that `user` earned in pool `pid` could not be paid now (the
    ///         token refused, the farm is paused, or an emergency withdrawal): it stays owed.
    /// @param user The staker.
    /// @param pid Pool id.
    /// @param token The partner token.
    /// @param amount All that is now owed to `user` in `token` there.
    event PartnerRewardOwed(address indexed user, uint256 indexed pid, IERC20 indexed token, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                                 ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Only the farm calls this.
    error NotFarm(address caller);
    /// @notice Only the farm's owner may do this.
    error NotFarmOwner(address caller);
    /// @notice Only the farm's owner and the sponsors it approved for the pool fund its streams.
    error NotSponsor(uint256 pid, address caller);
    /// @notice Only the rewarder itself calls `payOut`.
    error NotSelf(address caller);
    /// @notice A stream's end must fit 64 bits.
    error EndBlockTooLate(uint256 endBlock, uint256 max);
    /// @notice The stream belongs to another sponsor (until it has ended and been reclaimed).
    error StreamSponsoredByOther(IERC20 token, address sponsor);
    /// @notice The pool carries MAX_STREAMS partner tokens already.
    error TooManyStreams(uint256 pid, uint256 max);
    /// @notice The pool has no stream of this token.
    error StreamNotFound(uint256 pid, IERC20 token);
    /// @notice A stream's end must lie after this block, and never before its current end.
    error EndBlockTooEarly(uint256 endBlock, uint256 earliest);
    /// @notice An amount of zero.
    error ZeroAmount();
    /// @notice A token at the zero address, or with no code.
    error NotAToken(IERC20 token);
    /// @notice The token delivered less than was sent (fee-on-transfer).
    error FeeOnTransferToken(IERC20 token, uint256 sent, uint256 received);
    /// @notice A stream's funding over its life may not pass 2^128 - 1.
    error AmountTooLarge(uint256 total, uint256 max);
    /// @notice The stream has not ended: nothing can be reclaimed before its end.
    error StreamRunning(uint256 endBlock);
    /// @notice The farm is paused: partner rewards stay owed until it resumes.
    error FarmPaused();
    /// @notice Re-entrant call.
    error ReentrantCall();
    /// @notice The pool's streams are behind (more boost ends were due than one update passes):
    ///         call `catchUp(pid)` until `lastUpdateBlock(pid)` is the current block, then retry.
    error PoolBehind(uint256 pid, uint256 caughtUpTo);

    /*//////////////////////////////////////////////////////////////
                                 FARM
    //////////////////////////////////////////////////////////////*/

    /// @notice Called by the farm after each action of `user` in a pool with partner rewards:
    ///         settles `user`'s partner rewards, pays them to `to` (or, with `to` zero, keeps them
    ///         owed), and takes `user`'s weight in the pool afresh from the farm.
    /// @param pid Pool id.
    /// @param user The staker.
    /// @param to Where the rewards go; zero keeps them owed (emergencyWithdraw).
    function onAction(uint256 pid, address user, address to) external;

    /// @notice Called by the farm's `emergencyUnlock(pid)`: every boost in the pool ends now.
    /// @param pid Pool id.
    function onEmergencyUnlock(uint256 pid) external;

    /*//////////////////////////////////////////////////////////////
                            SPONSORS AND STAKERS
    //////////////////////////////////////////////////////////////*/

    /// @notice Approves `sponsor` to fund streams in pool `pid`, or withdraws the approval (its
    ///         streams run on). The farm's owner only.
    /// @param pid Pool id.
    /// @param sponsor The account.
    /// @param approved Whether it may fund streams there.
    function setSponsor(uint256 pid, address sponsor, bool approved) external;

    /// @notice Funds pool `pid`'s stream of `token` with `amount` (taken from the caller now),
    ///         streamed evenly from this block to `endBlock`: starts a stream, or tops one up (what
    ///         it has not streamed yet and `amount` are spread from now to `endBlock`, which may
    ///         not be before its current end). The farm's owner and approved sponsors only.
    /// @param pid Pool id.
    /// @param token The partner token: not fee-on-transfer.
    /// @param amount What to add, in the token's units.
    /// @param endBlock The stream's end block, after this block.
    function fund(uint256 pid, IERC20 token, uint256 amount, uint256 endBlock) external;

    /// @notice Returns to the stream's sponsor what it released while nothing was staked, once the
    ///         stream has ended. The stream's sponsor only.
    /// @param pid Pool id.
    /// @param token The partner token.
    function reclaim(uint256 pid, IERC20 token) external;

    /// @notice Brings pool `pid`'s streams up to this block, or as far as one update goes (at most
    ///         MAX_BOUNDARIES_PER_UPDATE boost ends): anyone may call it.
    /// @param pid Pool id.
    /// @return caughtUpTo The block the streams now stand at.
    function catchUp(uint256 pid) external returns (uint256 caughtUpTo);

    /// @notice Pays the caller everything it has earned and is owed in pool `pid`'s partner
    ///         tokens now, without touching its stake: the gas left is shared evenly among the
    ///         tokens still to pay (no per-token cap as inside a farm action).
    /// @param pid Pool id.
    function claim(uint256 pid) external;

    /// @notice A payment, in a call of its own so that a failure undoes it whatever the token
    ///         answered: only the rewarder itself may call it.
    /// @param token The partner token.
    /// @param to The recipient.
    /// @param amount The amount.
    function payOut(IERC20 token, address to, uint256 amount) external;

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The most partner tokens a pool can carry.
    function MAX_STREAMS() external view returns (uint256);

    /// @notice The most boost ends one update passes (see `catchUp`).
    function MAX_BOUNDARIES_PER_UPDATE() external view returns (uint256);

    /// @notice The block pool `pid`'s streams were last brought up to.
    /// @param pid Pool id.
    function lastUpdateBlock(uint256 pid) external view returns (uint256);

    /// @notice The farm this rewarder serves (it deployed this contract).
    function farm() external view returns (address);

    /// @notice Whether `account` may fund streams in pool `pid` (the farm's owner always may).
    /// @param pid Pool id.
    /// @param account The account.
    /// @return True if it may.
    function isSponsor(uint256 pid, address account) external view returns (bool);

    /// @notice Pool `pid`'s partner streams, in the order they were first funded.
    /// @param pid Pool id.
    /// @return Each stream as it stands at this block.
    function streams(uint256 pid) external view returns (StreamView[] memory);

    /// @notice What `user` could be paid in each of pool `pid`'s partner tokens now (earned and
    ///         owed), in the order of `streams`.
    /// @param pid Pool id.
    /// @param user The staker.
    /// @return tokens The pool's partner tokens.
    /// @return amounts What `user` could be paid in each.
    function pendingRewards(uint256 pid, address user)
        external
        view
        returns (IERC20[] memory tokens, uint256[] memory amounts);

    /// @notice The weight `user` earns partner rewards with in pool `pid` now, and the pool's
    ///         total (equal to the farm's for a staker who has acted since the pool's first stream).
    /// @param pid Pool id.
    /// @param user The staker.
    /// @return userWeight `user`'s weight (0 until it acts in the pool after its first stream).
    /// @return totalWeight The pool's total of enrolled weights.
    function weights(uint256 pid, address user) external view returns (uint256 userWeight, uint256 totalWeight);
}
