// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init of the end-to-end tests, built against the kernel's nolibc: load
 * the driver, then the test master's driver (which runs the tests in its
 * probe), show the aggregates' debugfs state, power off.
 */

#include <linux/reboot.h>

static void say(const char *s)
{
	write(1, s, strlen(s));
}

static void insmod(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY, 0);

	say("e2e: loading ");
	say(path);
	say("\n");
	if (fd < 0 || my_syscall3(__NR_finit_module, fd, params, 0) < 0)
		say("e2e: FAIL: module load\n");
	if (fd >= 0)
		close(fd);
}

static void show(const char *path)
{
	char buf[512];
	ssize_t n;
	int fd = open(path, O_RDONLY, 0);

	if (fd < 0)
		return;
	say("e2e: ");
	say(path);
	say(":\n");
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
}

int main(void)
{
	mount("proc", "/proc", "proc", 0, 0);
	mount("sysfs", "/sys", "sysfs", 0, 0);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, 0);
	insmod("/lib/modules/exynos-sysmmu.ko", "");
	insmod("/lib/modules/exynos_sysmmu_e2e.ko", "");
	show("/sys/kernel/debug/exynos-sysmmu/iommu-group@b000000/members");
	show("/sys/kernel/debug/exynos-sysmmu/iommu@b030000/members");
	show("/sys/kernel/debug/exynos-sysmmu/iommu-group@b050000/members");
	say("e2e: done\n");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	return 0;
}
