// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init of the boot demo, built against the kernel's nolibc: load the
 * driver, then the demo master's driver, show the aggregates' debugfs
 * state, power off.
 */

#include <linux/reboot.h>

static void say(const char *s)
{
	write(1, s, strlen(s));
}

static void load(const char *path, const char *params)
{
	int fd = open(path, O_RDONLY, 0);

	say("demo: loading ");
	say(path);
	say("\n");
	if (fd < 0 || my_syscall3(__NR_finit_module, fd, params, 0) < 0)
		say("demo: FAIL: module load\n");
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
	say("demo: ");
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
	load("/lib/modules/exynos-sysmmu.ko", "dyndbg=+p");
	load("/lib/modules/exynos_sysmmu_demo.ko", "");
	show("/sys/kernel/debug/exynos-sysmmu/iommu-group@b000000/members");
	say("demo: done\n");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	return 0;
}
