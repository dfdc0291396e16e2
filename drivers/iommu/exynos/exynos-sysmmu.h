/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exynos System MMU driver: objects shared between its files.
 *
 * A "member" is one physical System MMU instance (one platform device).
 * An "aggregate" is the set of members that one or more masters sit behind;
 * it is the only thing the IOMMU core sees (one struct iommu_device, one
 * fwnode). A group node in devicetree is an aggregate of its children; a
 * standalone legacy node is an aggregate of one.
 *
 * Locking, outermost first:
 *  - sysmmu_aggregate.mutex: the aggregate's attached domain and masters;
 *    taken by attach and by teardown (sleeps).
 *  - sysmmu_domain.lock: the list of aggregates a domain is attached to;
 *    taken by TLB maintenance, which may run in atomic context.
 *  - sysmmu_member.lock: a member's registers and its "powered" state;
 *    taken by everything that writes registers, including runtime PM and
 *    the fault handler.
 */
#ifndef __EXYNOS_SYSMMU_H
#define __EXYNOS_SYSMMU_H

#include <linux/clk.h>
#include <linux/component.h>
#include <linux/iommu.h>
#include <linux/io.h>
#include <linux/irqreturn.h>
#include <linux/mutex.h>
#include <linux/ratelimit.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "pgtable.h"

struct dentry;
struct platform_device;
struct sysmmu_member;

/* Registers common to every family. */
#define SYSMMU_REG_CTRL			0x000
#define   SYSMMU_CTRL_ENABLE		BIT(0)
#define   SYSMMU_CTRL_BLOCK		BIT(1)
#define   SYSMMU_CTRL_INT_ENABLE	BIT(2)
#define SYSMMU_REG_CFG			0x004
#define   SYSMMU_CFG_LRU		BIT(0)
#define   SYSMMU_CFG_EAP		BIT(2)
#define   SYSMMU_CFG_QOS		GENMASK(10, 7)
#define   SYSMMU_CFG_FLPDCACHE		BIT(20)
#define   SYSMMU_CFG_SYSSEL		BIT(22)
#define   SYSMMU_CFG_ACGEN		BIT(24)
#define SYSMMU_REG_STATUS		0x008
#define   SYSMMU_STATUS_BLOCKED		BIT(0)
#define SYSMMU_REG_VERSION		0x034
#define SYSMMU_REG_CAPA0		0x870
#define   SYSMMU_CAPA0_CAPA1_EXIST	BIT(11)
#define SYSMMU_REG_CAPA1		0x874
#define   SYSMMU_CAPA1_VCR_ENABLED	BIT(14)

/* Per-VM control of v7 parts with VM registers, VM 0. */
#define SYSMMU_REG_V7_CTRL_VM		0x8000
#define   SYSMMU_CTRL_VM_ENABLE		BIT(0)
#define   SYSMMU_CTRL_VM_FAULT_STALL	BIT(3)

/**
 * enum sysmmu_fault_kind - what went wrong, across families
 * @SYSMMU_FAULT_PTW: the page-table walk itself faulted (bus error on a
 *	table read)
 * @SYSMMU_FAULT_PAGE: no valid translation
 * @SYSMMU_FAULT_MULTI_HIT: several TLB entries matched
 * @SYSMMU_FAULT_ACCESS: the access is not permitted by the entry
 * @SYSMMU_FAULT_SECURITY: a security (TrustZone) protection fault
 * @SYSMMU_FAULT_BUS: the transaction hit the default slave (bus error)
 * @SYSMMU_FAULT_CONTEXT: no valid context for the transaction (v9)
 * @SYSMMU_FAULT_UNKNOWN: a status bit the driver does not know
 */
enum sysmmu_fault_kind {
	SYSMMU_FAULT_PTW,
	SYSMMU_FAULT_PAGE,
	SYSMMU_FAULT_MULTI_HIT,
	SYSMMU_FAULT_ACCESS,
	SYSMMU_FAULT_SECURITY,
	SYSMMU_FAULT_BUS,
	SYSMMU_FAULT_CONTEXT,
	SYSMMU_FAULT_UNKNOWN,
};

/**
 * struct sysmmu_fault - one decoded fault
 * @iova: faulting input address
 * @kind: fault type
 * @write: the faulting transaction was a write
 * @vid: virtual machine ID the fault belongs to (0 where there are none)
 * @status_bit: the status bit that reported it, written back to clear it
 * @detail: the fields below are valid (v9 only)
 * @length: burst length of the faulting transaction
 * @asid: address space ID of the faulting transaction
 * @axi_id: AXI ID of the faulting transaction
 * @pmmu: page-table walker (PMMU) that saw the fault
 * @stream: stream ID of the faulting transaction
 */
struct sysmmu_fault {
	u64 iova;
	enum sysmmu_fault_kind kind;
	bool write;
	unsigned int vid;
	unsigned int status_bit;
	bool detail;
	unsigned int length;
	unsigned int asid;
	u32 axi_id;
	unsigned int pmmu;
	u32 stream;
};

/**
 * enum sysmmu_family_hint - what the compatible says about the family
 * @SYSMMU_HINT_NONE: nothing: one of versions 1 to 7, told apart by the
 *	VERSION and CAPA registers ("samsung,exynos-sysmmu" and the SoC
 *	compatibles used with it)
 * @SYSMMU_HINT_V8: Google gs101 and gs201 ("v8"): a v7 with the VM
 *	register block, whose VERSION register uses another decode
 * @SYSMMU_HINT_V9: version 9 (Google zuma, ExynosAuto v920)
 */
enum sysmmu_family_hint {
	SYSMMU_HINT_NONE,
	SYSMMU_HINT_V8,
	SYSMMU_HINT_V9,
};

/* Stream tables of v9 page-table walkers (PMMUs). */
#define SYSMMU_MAX_PMMU			8

/**
 * struct sysmmu_stream - one stream table entry, from the devicetree
 * @pmmu: page-table walker whose table holds the entry
 * @entry: index of the entry in that table
 * @cfg: stream configuration (STREAM_CFG value)
 * @dir: directions matched: 1 read, 2 write, 3 both
 * @sid: stream ID value to match
 * @mask: stream ID bits compared
 */
struct sysmmu_stream {
	unsigned int pmmu;
	unsigned int entry;
	u32 cfg;
	u32 dir;
	u32 sid;
	u32 mask;
};

/**
 * struct sysmmu_stream_table - what a v9 instance's stream tables hold
 * @hw_pmmus: page-table walkers the hardware reports (SWALKER_INFO)
 * @hw_entries: per walker, stream table entries the hardware reports
 * @nr_pmmu: walkers configured: entries of @default_cfg (0: none)
 * @default_cfg: per configured walker, the configuration of streams that
 *	match no entry
 * @streams: the entries, validated against the hardware
 * @nr_streams: number of entries in @streams
 */
struct sysmmu_stream_table {
	unsigned int hw_pmmus;
	unsigned int hw_entries[SYSMMU_MAX_PMMU];
	unsigned int nr_pmmu;
	u32 default_cfg[SYSMMU_MAX_PMMU];
	struct sysmmu_stream *streams;
	unsigned int nr_streams;
};

/**
 * struct sysmmu_family_regs - register offsets that move between families
 * @pt_base: page-table base
 * @flush_all: invalidate the whole TLB
 * @flush_entry: invalidate one 4 KiB entry (address | 1)
 * @flush_range: start a range invalidation (0 if the family has none)
 * @flush_start: first address of a range invalidation
 * @flush_end: last address of a range invalidation
 * @int_status: fault status
 * @int_clear: fault clear
 * @fault_va: faulting address (v7 and later; 0 where per-type registers
 *	are used)
 * @fault_info: fault transaction information (v7 and later; INFO0 on v9)
 * @fault_info1: more fault information (v9: AXI ID)
 * @fault_info2: more fault information (v9: PMMU and stream ID)
 * @ctrl_vm: per-VM control register (0 if the family has none)
 * @pt_attr: page-table walk attributes of VM 0 (v9; 0 if none)
 */
struct sysmmu_family_regs {
	u32 pt_base;
	u32 flush_all;
	u32 flush_entry;
	u32 flush_range;
	u32 flush_start;
	u32 flush_end;
	u32 int_status;
	u32 int_clear;
	u32 fault_va;
	u32 fault_info;
	u32 fault_info1;
	u32 fault_info2;
	u32 ctrl_vm;
	u32 pt_attr;
};

/**
 * struct sysmmu_hw_ops - register sequences of a family
 * @identify: optional; read what the instance reports about itself once
 *	its family is known (at probe, powered): sets the member's
 *	@max_ias and, on v9, its walkers. Return: 0 or a negative error.
 * @restore: optional; program state the instance loses when its power is
 *	off and that does not depend on the page table (v9 stream tables):
 *	at probe and on every resume, before @enable
 * @enable: start translating with a level-1 table
 * @disable: stop translating: transactions bypass the instance
 * @flush_all: invalidate the whole TLB
 * @flush_range: invalidate the TLB for an IOVA range
 * @flush_lv1: drop a cached level-1 entry
 * @decode_fault: turn a fault status into a fault description; false if
 *	the status holds nothing the family knows
 * @clear_fault: acknowledge a fault and let traffic resume
 *
 * Every callback runs with the member's lock held and the member powered.
 * sysmmu_generic_ops are those of versions 1 to 7 (and "v8").
 */
struct sysmmu_hw_ops {
	int (*identify)(struct sysmmu_member *member);
	void (*restore)(struct sysmmu_member *member);
	void (*enable)(struct sysmmu_member *member, phys_addr_t pt_base);
	void (*disable)(struct sysmmu_member *member);
	void (*flush_all)(struct sysmmu_member *member);
	void (*flush_range)(struct sysmmu_member *member, u64 iova, u64 size);
	void (*flush_lv1)(struct sysmmu_member *member, u64 iova);
	bool (*decode_fault)(struct sysmmu_member *member, u32 status,
			     struct sysmmu_fault *fault);
	void (*clear_fault)(struct sysmmu_member *member,
			    const struct sysmmu_fault *fault);
};

/**
 * struct sysmmu_family - everything that differs between hardware families
 * @name: family name as shown in logs and debugfs
 * @regs: register offsets
 * @cfg: value written to the CFG register on enable (0: leave it alone)
 * @pt_base_shift: right shift applied to the level-1 table address when it
 *	is written to the page-table base register
 * @pte_shift: page-table format: physical address shift in entries
 * @prot_fmt: page-table format: permission encoding
 * @zero_lv2: page-table format: invalid level-1 entries must point at a
 *	zero level-2 table (v3.3 FLPD cache)
 * @flpd_cache: new level-1 entries must be invalidated from the FLPD cache
 * @block_for_flush: the TLB may only be invalidated while the instance is
 *	blocked (v1-v3)
 * @max_ias: largest input address size in bits the family may support;
 *	an instance may report less (&sysmmu_member.max_ias)
 * @max_pa_bits: largest physical address the walker can reach
 * @has_streams: the instances have v9 stream tables
 * @ops: register sequences
 */
struct sysmmu_family {
	const char *name;
	struct sysmmu_family_regs regs;
	u32 cfg;
	unsigned int pt_base_shift;
	unsigned int pte_shift;
	enum exynos_pt_prot_fmt prot_fmt;
	bool zero_lv2;
	bool flpd_cache;
	bool block_for_flush;
	unsigned int max_ias;
	unsigned int max_pa_bits;
	bool has_streams;
	const struct sysmmu_hw_ops *ops;
};

/* 36-bit IOVA tables need 64-bit IOVAs in the IOMMU API. */
#define SYSMMU_IAS_36			(BITS_PER_LONG == 64 ? 36 : 32)

/**
 * struct sysmmu_mmio_model - a register bank that is not hardware
 * @read: return the value of the register at byte offset @off
 * @write: store @val to the register at byte offset @off
 *
 * Lets the KUnit suites stand register models in for instances; members
 * only use one when the tests are built and a model was registered for the
 * instance's address.
 */
struct sysmmu_mmio_model {
	u32 (*read)(struct sysmmu_mmio_model *model, u32 off);
	void (*write)(struct sysmmu_mmio_model *model, u32 off, u32 val);
};

/**
 * struct sysmmu_member - one physical System MMU instance
 * @dev: the instance's platform device
 * @base: its registers
 * @model: register model used instead of @base by the KUnit suites
 * @family: hardware family, chosen once at probe
 * @version: VERSION register decoded as (major << 8) | minor
 * @max_ias: input address size of the instance, decided at probe from
 *	its family and what it reports
 * @streams: v9 stream tables, programmed at probe and on every resume
 * @clks: clocks, in the order of the legacy clock-names sets
 * @num_clks: number of entries in @clks
 * @irq: fault interrupt
 * @agg: the aggregate this member belongs to while it is bound
 * @lock: protects the registers, @powered, @enabled, @pt_base and @domain
 * @powered: the instance is powered and may be touched
 * @enabled: the instance translates (as opposed to bypass)
 * @pt_base: level-1 table the instance must translate with (0: bypass);
 *	programmed now if powered, else on resume
 * @domain: the domain @pt_base belongs to, for fault reports
 * @fault_count: faults seen
 * @fault_rs: rate limit of fault messages
 * @index: position within the aggregate
 * @in_group: the instance is a child of a group node (decided at probe:
 *	the devicetree may already be half torn down at remove)
 */
struct sysmmu_member {
	struct device *dev;
	void __iomem *base;
	struct sysmmu_mmio_model *model;
	const struct sysmmu_family *family;
	unsigned int version;
	unsigned int max_ias;
	struct sysmmu_stream_table streams;
	struct clk_bulk_data *clks;
	int num_clks;
	int irq;
	struct sysmmu_aggregate *agg;
	spinlock_t lock;	/* see the header comment */
	bool powered;
	bool enabled;
	phys_addr_t pt_base;
	struct iommu_domain *domain;
	unsigned long fault_count;
	struct ratelimit_state fault_rs;
	unsigned int index;
	bool in_group;
};

/**
 * struct sysmmu_aggregate - members presented to the IOMMU core as one
 * @iommu: the IOMMU core's handle, registered once every member is bound
 * @dev: the device that registers @iommu: the group node's device, or the
 *	member's own device for a standalone legacy node
 * @fwnode: the fwnode masters reference
 * @members: the members, all bound while @iommu is registered
 * @nr_members: number of entries in @members
 * @mutex: protects @domain, @domain_node and @masters
 * @domain: domain currently attached (NULL: bypass, as after reset)
 * @domain_node: entry in the attached paging domain's list
 * @group: the one iommu_group of every master behind this aggregate, and
 *	behind the aggregates those masters list (protected by a lock of
 *	iommu.c)
 * @masters: the masters behind this aggregate (&sysmmu_master_link)
 * @blocking: domain with an empty page table, used for the blocked domain
 * @master: a master behind the aggregate, named in fault reports; written
 *	with @mutex and every member's lock held
 * @ready: every member has probed; masters may be probed
 * @registered: iommu_device_register() of @iommu returned, and
 *	iommu_device_unregister() has not started: aggregates that must
 *	register after this one may
 * @registering: inside sysmmu_aggregate_register(), from before
 *	iommu_device_register() until it returned
 * @registrations: how many times @iommu was registered (debugfs)
 * @node: entry in the list of ready aggregates
 * @debugfs: the aggregate's debugfs directory
 */
struct sysmmu_aggregate {
	struct iommu_device iommu;
	struct device *dev;
	struct fwnode_handle *fwnode;
	struct sysmmu_member **members;
	unsigned int nr_members;
	struct mutex mutex;	/* see the header comment */
	struct iommu_domain *domain;
	struct list_head domain_node;
	struct iommu_group *group;
	struct list_head masters;
	struct sysmmu_domain *blocking;
	struct device *master;
	bool ready;
	bool registered;
	bool registering;
	unsigned int registrations;
	struct list_head node;
	struct dentry *debugfs;
};

/**
 * struct sysmmu_master_link - a master's entry in an aggregate's masters
 * @node: entry in &sysmmu_aggregate.masters
 * @master: the master
 */
struct sysmmu_master_link {
	struct list_head node;
	struct sysmmu_master *master;
};

/**
 * struct sysmmu_master - per-master state, in dev_iommu_priv
 * @dev: the master
 * @aggs: the aggregates the master is behind, in the order of its "iommus"
 *	entries; more than one when it lists several nodes
 * @nodes: per aggregate, the master's entry in its masters
 * @nr_aggs: number of entries in @aggs
 */
struct sysmmu_master {
	struct device *dev;
	struct sysmmu_aggregate **aggs;
	struct sysmmu_master_link *nodes;
	unsigned int nr_aggs;
};

/**
 * struct sysmmu_domain - a paging domain
 * @domain: the IOMMU core's domain
 * @pt: the page table, owned by the domain; members only point at it
 * @cfg: the page table's parameters
 * @walker: device used for the page table's cache maintenance
 * @lock: protects @aggs
 * @aggs: aggregates this domain is attached to
 */
struct sysmmu_domain {
	struct iommu_domain domain;
	struct exynos_pt *pt;
	struct exynos_pt_cfg cfg;
	struct device *walker;
	spinlock_t lock;	/* see the header comment */
	struct list_head aggs;
};

static inline struct sysmmu_domain *to_sysmmu_domain(struct iommu_domain *d)
{
	return container_of(d, struct sysmmu_domain, domain);
}

/* MMIO: every register access of the driver goes through these two. */
static inline u32 sysmmu_read(const struct sysmmu_member *member, u32 off)
{
	if (IS_ENABLED(CONFIG_EXYNOS_IOMMU_KUNIT_TEST) && member->model)
		return member->model->read(member->model, off);
	return readl(member->base + off);
}

static inline void sysmmu_write(const struct sysmmu_member *member, u32 off,
				u32 val)
{
	if (IS_ENABLED(CONFIG_EXYNOS_IOMMU_KUNIT_TEST) && member->model)
		member->model->write(member->model, off, val);
	else
		writel(val, member->base + off);
}

#define SYSMMU_VERSION(major, minor)	(((major) << 8) | (minor))
#define SYSMMU_VERSION_MAJOR(v)		((v) >> 8)
#define SYSMMU_VERSION_MINOR(v)		((v) & 0xff)

/* family.c: decode and the register-level operations. */
unsigned int sysmmu_version_decode(u32 version_reg);
bool sysmmu_family_reads_capa(enum sysmmu_family_hint hint, u32 version_reg);
const struct sysmmu_family *
sysmmu_family_select_hint(enum sysmmu_family_hint hint, u32 version_reg,
			  u32 capa0, u32 capa1, unsigned int *version);
const struct sysmmu_family *sysmmu_family_select(u32 version_reg, u32 capa0,
						 u32 capa1,
						 unsigned int *version);
int sysmmu_hw_identify(struct sysmmu_member *member);
void sysmmu_hw_restore(struct sysmmu_member *member);
void sysmmu_hw_enable(struct sysmmu_member *member, phys_addr_t pt_base);
void sysmmu_hw_disable(struct sysmmu_member *member);
void sysmmu_hw_flush_all(struct sysmmu_member *member);
void sysmmu_hw_flush_range(struct sysmmu_member *member, u64 iova, u64 size);
void sysmmu_hw_flush_lv1(struct sysmmu_member *member, u64 iova);
bool sysmmu_hw_read_fault(struct sysmmu_member *member,
			  struct sysmmu_fault *fault);
void sysmmu_hw_clear_fault(struct sysmmu_member *member,
			   const struct sysmmu_fault *fault);
const char *sysmmu_fault_name(enum sysmmu_fault_kind kind);

/* family_v9.c: the v9 family and its register sequences. */
extern const struct sysmmu_family sysmmu_family_v9;

/* streams.c: v9 stream tables from the devicetree. */
int sysmmu_streams_parse(struct sysmmu_member *member, bool required);

/* member.c */
extern struct platform_driver sysmmu_member_driver;
void sysmmu_member_program(struct sysmmu_member *member);
void sysmmu_member_set_table(struct sysmmu_member *member, phys_addr_t pt_base,
			     struct iommu_domain *domain);
irqreturn_t sysmmu_member_irq(int irq, void *data);

/* aggregate.c */
extern struct platform_driver sysmmu_group_driver;
extern const struct component_ops sysmmu_member_component_ops;
int sysmmu_aggregate_add_single(struct sysmmu_member *member);
void sysmmu_aggregate_remove_single(struct sysmmu_member *member);
struct sysmmu_aggregate *sysmmu_aggregate_find(struct fwnode_handle *fwnode);
struct device *sysmmu_aggregate_dev(struct sysmmu_aggregate *agg,
				    unsigned int i);
unsigned int sysmmu_aggregate_masters(struct device *dev,
				      struct device ***masters);
unsigned int sysmmu_aggregate_suppliers(struct device *master,
					struct device ***devs);
unsigned int sysmmu_aggregate_first_masters(struct device *dev,
					    struct device ***devs);
int sysmmu_links_init(void);
void sysmmu_links_exit(void);
void sysmmu_links_flush(void);
void sysmmu_aggregate_publish(struct sysmmu_aggregate *agg, bool ready);
bool sysmmu_node_is_group(const struct device_node *np);
int sysmmu_check_iommu_cells(struct device *dev);
int sysmmu_aggregate_order(struct sysmmu_aggregate *agg);

/**
 * struct sysmmu_master_hold - masters kept out of driver bind
 * @devs: their devices, locked and referenced
 * @nr: how many
 */
struct sysmmu_master_hold {
	struct device **devs;
	unsigned int nr;
};

int sysmmu_aggregate_hold_masters(struct sysmmu_aggregate *agg,
				  struct sysmmu_master_hold *hold);
void sysmmu_aggregate_release_masters(struct sysmmu_master_hold *hold);

/* iommu.c */
extern const struct iommu_ops sysmmu_iommu_ops;
int sysmmu_aggregate_register(struct sysmmu_aggregate *agg);
void sysmmu_aggregate_unregister(struct sysmmu_aggregate *agg);
int sysmmu_member_attach(struct sysmmu_member *member, phys_addr_t pt_base,
			 struct iommu_domain *domain);

/* fault.c */
bool sysmmu_fault_handle(struct sysmmu_member *member);

/* debugfs.c */
void sysmmu_debugfs_init(void);
void sysmmu_debugfs_exit(void);
void sysmmu_debugfs_add(struct sysmmu_aggregate *agg);
void sysmmu_debugfs_remove(struct sysmmu_aggregate *agg);

/* model.c: register models for the KUnit suites. */
#if IS_ENABLED(CONFIG_EXYNOS_IOMMU_KUNIT_TEST)
struct sysmmu_mmio_model *sysmmu_model_find(phys_addr_t base);
int sysmmu_model_register(struct sysmmu_mmio_model *model, phys_addr_t base);
void sysmmu_model_unregister(struct sysmmu_mmio_model *model);
#else
static inline struct sysmmu_mmio_model *sysmmu_model_find(phys_addr_t base)
{
	return NULL;
}
#endif

#endif /* __EXYNOS_SYSMMU_H */
