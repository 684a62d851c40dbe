// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {IRewardToken} from "../interfaces/IRewardToken.sol";

/// @title BreakableRewardToken
/// @notice Test reward token whose minting can be switched off, to show that stakers can always
///         get their LP back even when rewards cannot be paid.
contract BreakableRewardToken is ERC20, IRewardToken {
    /// @inheritdoc IRewardToken
    address public immutable minter;
    /// @inheritdoc IRewardToken
    uint256 public immutable cap;
    /// @notice Whether `mint` reverts.
    bool public broken;
    uint8 private immutable _decimals;

    error MintingBroken();

    /// @notice Deploys the token with nothing minted and minting on.
    /// @param cap_ Supply cap.
    /// @param minter_ The farm.
    /// @param decimals_ Token decimals (the farm counts in wei whatever they are).
    constructor(uint256 cap_, address minter_, uint8 decimals_) ERC20("Breakable", "BRK") {
        cap = cap_;
        minter = minter_;
        _decimals = decimals_;
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Switches minting off (true) or on (false).
    /// @param broken_ Whether mint reverts.
    function setBroken(bool broken_) external {
        broken = broken_;
    }

    /// @inheritdoc IRewardToken
    function mint(address to, uint256 amount) external {
        if (broken || msg.sender != minter) revert MintingBroken();
        _mint(to, amount);
    }
}
