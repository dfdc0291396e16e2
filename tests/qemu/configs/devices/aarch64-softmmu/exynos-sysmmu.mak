# exynos-sysmmu workbench (tests/qemu): only the virt board, which
# selects the Exynos System MMU model (EXYNOS_SYSMMU). ARM_V7M is
# "default y" for TCG, which --without-default-devices drops, but 7.2's
# TCG translator still needs it (and its semihosting).
CONFIG_ARM_VIRT=y
CONFIG_ARM_V7M=y
