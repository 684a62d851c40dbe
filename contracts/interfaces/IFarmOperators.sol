// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

/// @title IFarmOperators
/// @notice A staker may approve operators (contracts such as the farm's zap) to unstake its
///         unlocked LP and harvest its rewards for it, so that "unstake and swap out" or "harvest
///         and restake" is one transaction from the staker. Approval is per operator, revocable at
///         any time, and never needed for the staker's own calls.
/// @dev What an operator can and cannot do:
///      - `withdrawFor` is `withdraw` for the staker: the same rules (unlocked LP only, a running
///        lock stays; open while paused, the reward then kept for later), the LP sent to `to`,
///        the staker's reward paid to the staker itself.
///      - `harvestAllFor` is `harvestAll` for the staker, the reward sent to `to`; partner tokens
///        (IPartnerRewarder) still go to the staker, since an operator may know only the reward token.
///      - Nothing else: an operator cannot deposit into, make, extend or exit a lock, nor
///        emergency-withdraw. An approved operator can move the staker's unlocked LP and its
///        rewards anywhere, so approve only contracts that act for their caller alone.
interface IFarmOperators {
    /// @notice `user` approved `operator` (or withdrew its approval).
    /// @param user The staker.
    /// @param operator The account approved or no longer approved.
    /// @param approved Whether `operator` may now act for `user`.
    event OperatorSet(address indexed user, address indexed operator, bool approved);

    /// @notice `caller` is neither `user` nor an operator `user` approved.
    error NotOperator(address user, address caller);

    /// @notice Approves `operator` to unstake the caller's unlocked LP and harvest its rewards
    ///         (`withdrawFor`, `harvestAllFor`), or withdraws that approval.
    /// @param operator The account to approve or disapprove.
    /// @param approved True to approve, false to revoke.
    function setOperator(address operator, bool approved) external;

    /// @notice Whether `operator` may act for `user` (an account may always act for itself).
    /// @param user The staker.
    /// @param operator The account asking.
    /// @return True if `operator` is `user` or an operator `user` approved.
    function isOperator(address user, address operator) external view returns (bool);

    /// @notice `withdraw` for `user`, by `user` or its operator: unstakes `amount` of `user`'s
    ///         unlocked LP in pool `pid` and sends it to `to`; `user`'s reward is paid to `user`
    ///         (kept for later while paused). Emits `Withdraw(user, pid, amount)`.
    /// @param pid Pool id.
    /// @param amount LP to unstake.
    /// @param user The staker.
    /// @param to Where the LP goes: neither the zero address nor the farm.
    function withdrawFor(uint256 pid, uint256 amount, address user, address to) external;

    /// @notice `harvestAll` for `user`, by `user` or its operator: pays `user`'s pending reward
    ///         from every pool in `pids` to `to`, in one mint (partner tokens to `user`). Emits
    ///         `Harvest(user, pid, amount)` per pool paid.
    /// @param pids Pool ids.
    /// @param user The staker.
    /// @param to Where the reward goes: neither the zero address nor the farm.
    function harvestAllFor(uint256[] calldata pids, address user, address to) external;
}
