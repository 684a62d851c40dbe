// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title OddReturnPartnerToken
/// @notice Audit test partner token (test/audit-partners.test.ts) whose `transfer` can answer
///         oddly: a "return bomb" (moves the tokens, then returns `bombBytes` of data), a return of
///         2 (neither true nor false), or a 1-byte return. Funding by `transferFrom` always works.
contract OddReturnPartnerToken is ERC20 {
    enum Mode {
        Honest,
        ReturnBomb,
        ReturnTwo,
        ShortReturn
    }

    /// @notice How transfers answer.
    Mode public mode;
    /// @notice How many bytes a return bomb returns.
    uint256 public bombBytes;

    constructor() ERC20("Odd", "ODD") {}

    /// @notice Mints `amount` to `to`; anyone may call (test token).
    /// @param to Recipient.
    /// @param amount Amount in wei.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Sets how transfers answer from now on.
    /// @param mode_ The answer.
    /// @param bombBytes_ The bomb's size, for ReturnBomb.
    function setMode(Mode mode_, uint256 bombBytes_) external {
        (mode, bombBytes) = (mode_, bombBytes_);
    }

    /// @inheritdoc ERC20
    function transfer(address to, uint256 value) public override returns (bool) {
        super.transfer(to, value);
        Mode current = mode;
        if (current == Mode.ReturnBomb) {
            uint256 size = bombBytes;
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                mstore(0, 1)
                return(0, size)
            }
        }
        if (current == Mode.ReturnTwo) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                mstore(0, 2)
                return(0, 0x20)
            }
        }
        if (current == Mode.ShortReturn) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                mstore(0, shl(248, 1))
                return(0, 1)
            }
        }
        return true;
    }
}
