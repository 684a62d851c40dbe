// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

/// @title EthRefusingCaller
/// @notice Test contract that makes calls (with ETH) and refuses any ETH sent to it: a smart wallet
///         whose owner forgot a `receive`, to show a zap refunding ETH reverts rather than keeps it.
contract EthRefusingCaller {
    /// @notice Calls `target` with `data` and the ETH sent, bubbling up a revert verbatim.
    /// @param target Contract to call.
    /// @param data ABI-encoded call.
    function execute(address target, bytes calldata data) external payable {
        // A raw call and a verbatim revert are this contract's whole purpose.
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory returned) = target.call{value: msg.value}(data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(returned, 32), mload(returned))
            }
        }
    }
}
