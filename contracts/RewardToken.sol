// SPDX-License-Identifier: MIT
pragma solidity 0.8.34;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Capped} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Capped.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

import {IRewardToken} from "./interfaces/IRewardToken.sol";

/// @title RewardToken
/// @notice The farm's reward: an ERC20 with EIP-2612 permit and a hard supply cap.
/// @dev The minter is fixed in the constructor and has no setter, so once the farm is deployed at
///      that address nothing else can ever mint. An optional initial supply (for seeding a market)
///      is minted in the constructor and counts against the cap.
contract RewardToken is ERC20, ERC20Permit, ERC20Capped, IRewardToken {
    /// @inheritdoc IRewardToken
    address public immutable minter;

    uint8 private immutable _decimals;

    /// @notice `caller` tried to mint but is not the minter.
    error RewardTokenUnauthorizedMinter(address caller);
    /// @notice The minter cannot be the zero address.
    error RewardTokenZeroMinter();

    /// @notice Deploys the token with `minter_` as its only minter, forever.
    /// @param name_ Token name (also the EIP-712 domain name).
    /// @param symbol_ Token symbol.
    /// @param decimals_ Token decimals (18 for most tokens; 6 works as well).
    /// @param cap_ Hard ceiling on total supply, in wei.
    /// @param minter_ The only account that may ever mint (the farm).
    /// @param initialHolder Receives `initialSupply` (ignored when it is zero).
    /// @param initialSupply Minted at deployment, counted against the cap.
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        uint256 cap_,
        address minter_,
        address initialHolder,
        uint256 initialSupply
    ) ERC20(name_, symbol_) ERC20Permit(name_) ERC20Capped(cap_) {
        if (minter_ == address(0)) revert RewardTokenZeroMinter();
        minter = minter_;
        _decimals = decimals_;
        if (initialSupply != 0) _mint(initialHolder, initialSupply);
    }

    /// @inheritdoc IRewardToken
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert RewardTokenUnauthorizedMinter(msg.sender);
        _mint(to, amount);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc IRewardToken
    function cap() public view override(ERC20Capped, IRewardToken) returns (uint256) {
        return super.cap();
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Capped) {
        super._update(from, to, value);
    }
}
