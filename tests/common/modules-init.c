// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init of the QEMU boots (the demo and the end-to-end tests), built
 * against the kernel's nolibc. What it does comes from the kernel command
 * line, whose unknown "name=value" words the kernel hands to /init as its
 * environment:
 *
 *   tag=NAME               prefix of every line it prints
 *   modules=A.ko[,P]:...   modules in /lib/modules to load in order, each
 *                          with optional parameters P (commas for spaces)
 *   show=PATH:...          files to print after loading (debugfs state)
 *
 * Then it powers off.
 */

#include <linux/reboot.h>

#define LIST_SEP	':'
#define PARAM_SEP	','

static const char *tag = "init";

static void say(const char *s)
{
	write(1, s, strlen(s));
}

static void say_tagged(const char *what, const char *s)
{
	say(tag);
	say(": ");
	say(what);
	say(s);
	say("\n");
}

/* "file.ko,a=1,b=2" loads /lib/modules/file.ko with "a=1 b=2". */
static void load_module(char *entry)
{
	char path[256] = "/lib/modules/";
	char *params = strchr(entry, PARAM_SEP), *p;
	int fd;

	if (params) {
		*params++ = '\0';
		for (p = params; *p; p++)
			if (*p == PARAM_SEP)
				*p = ' ';
	}
	strncat(path, entry, sizeof(path) - strlen(path) - 1);
	say_tagged("loading ", path);
	fd = open(path, O_RDONLY, 0);
	if (fd < 0 || syscall(__NR_finit_module, fd, params ?: "", 0) < 0)
		say_tagged("FAIL: module load ", path);
	if (fd >= 0)
		close(fd);
}

static void show(char *path)
{
	char buf[512];
	ssize_t n;
	int fd = open(path, O_RDONLY, 0);

	if (fd < 0)
		return;
	say_tagged(path, ":");
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(1, buf, n);
	close(fd);
}

/* Call @fn on each element of the ':'-separated @list, split in place. */
static void for_each(char *list, void (*fn)(char *))
{
	char *next;

	while (list && *list) {
		next = strchr(list, LIST_SEP);
		if (next)
			*next++ = '\0';
		fn(list);
		list = next;
	}
}

int main(void)
{
	if (getenv("tag"))
		tag = getenv("tag");
	mount("proc", "/proc", "proc", 0, 0);
	mount("sysfs", "/sys", "sysfs", 0, 0);
	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, 0);
	for_each(getenv("modules"), load_module);
	for_each(getenv("show"), show);
	say_tagged("done", "");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	return 0;
}
