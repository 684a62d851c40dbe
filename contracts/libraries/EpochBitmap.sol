// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title EpochBitmap
/// @notice A set of epoch boundaries (multiples of an epoch length in blocks), one bit each, 256 to
///         a word: finding the next marked boundary reads one word per 256 epochs, however many
///         epochs are empty.
library EpochBitmap {
    /// @dev Marks `boundary`, a multiple of `epochBlocks`.
    function mark(mapping(uint256 word => uint256) storage bits, uint256 boundary, uint256 epochBlocks)
        internal
    {
        uint256 epoch = boundary / epochBlocks;
        uint256 bit = 1 << (epoch & 255);
        uint256 word = bits[epoch >> 8];
        if (word & bit == 0) bits[epoch >> 8] = word | bit;
    }

    /// @dev The first marked boundary from `from` (a multiple of `epochBlocks`) up to `to`
    ///      inclusive, or 0 if there is none (boundary 0 is never marked: it is never a lock's end).
    function next(mapping(uint256 word => uint256) storage bits, uint256 from, uint256 to, uint256 epochBlocks)
        internal
        view
        returns (uint256)
    {
        uint256 epoch = from / epochBlocks;
        uint256 last = to / epochBlocks;
        while (epoch <= last) {
            uint256 word = bits[epoch >> 8] >> (epoch & 255);
            if (word != 0) {
                epoch += Math.log2(word & (~word + 1)); // the lowest set bit
                return epoch <= last ? epoch * epochBlocks : 0;
            }
            epoch = ((epoch >> 8) + 1) << 8;
        }
        return 0;
    }
}
