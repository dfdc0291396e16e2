// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init of the debug KUnit run, built against the kernel's nolibc. The
 * suites are built in and have run by the time the kernel starts /init;
 * this asks kmemleak for what they left behind and prints it between
 * markers that tests/scripts/kunit-debug.sh reads, then powers off.
 */

#include <linux/reboot.h>

#define KMEMLEAK	"/sys/kernel/debug/kmemleak"

/*
 * kmemleak does not report objects younger than five seconds, and an
 * object is only reported once two scans in a row found no reference to it.
 */
#define KMEMLEAK_MIN_AGE_S	6
#define KMEMLEAK_SCANS		2

static void say(const char *s)
{
	write(1, s, strlen(s));
}

static int command(const char *cmd)
{
	int fd = open(KMEMLEAK, O_WRONLY, 0);
	int ret;

	if (fd < 0)
		return -1;
	ret = write(fd, cmd, strlen(cmd));
	close(fd);
	return ret < 0 ? -1 : 0;
}

static int dump(void)
{
	char buf[1024];
	ssize_t n;
	int fd = open(KMEMLEAK, O_RDONLY, 0);

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
	return 0;
}

int main(void)
{
	int i, ok;

	mount("proc", "/proc", "proc", 0, 0);
	mount("sysfs", "/sys", "sysfs", 0, 0);
	ok = mount("debugfs", "/sys/kernel/debug", "debugfs", 0, 0) == 0;
	sleep(KMEMLEAK_MIN_AGE_S);
	for (i = 0; ok && i < KMEMLEAK_SCANS; i++)
		ok = command("scan") == 0;
	say("leakcheck: begin\n");
	ok = ok && dump() == 0;
	say(ok ? "leakcheck: end\n" : "leakcheck: kmemleak unavailable\n");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	return 0;
}
