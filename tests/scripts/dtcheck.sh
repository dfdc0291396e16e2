#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Devicetree checks of the project (called by "make dtcheck").
#
#  1. bindings: "make dt_binding_check DT_SCHEMA_FILES=<binding>" (arm64) for
#     every binding the project adds or changes, plus a validation of their
#     examples against ALL schemas (DT_SCHEMA_FILES limits which schemas the
#     kernel applies to an example; a compatible that another schema also
#     claims would go unnoticed). Zero warnings or errors allowed.
#  2. good fixtures (tests/dts/good/*.dts): cpp + dtc (with the checks the
#     kernel silences by default turned on) + dt-validate against the whole
#     processed schema; and the ABI set (in-tree Exynos and gs101 boards,
#     unchanged): the same, validated against the project's schemas only.
#     Zero diagnostics about OUR nodes allowed; other diagnostics (the
#     kernel's own DTS noise, undocumented compatibles of masters that have
#     no upstream binding) are counted and reported only.
#  3. bad fixtures (tests/dts/bad/*.dts): each must be rejected for the
#     reasons its "/* expect: <ERE> */" lines state and for nothing else:
#     every expect pattern must match a diagnostic, and every diagnostic
#     about our nodes must match one of the patterns.
#
# "About our nodes" (OURS_RE below): a diagnostic line (with its indented
# continuation lines folded in) that mentions a System MMU node or property:
# a node path containing "iommu@" or "sysmmu", a compatible containing
# "sysmmu", or the properties "iommus", "#iommu-cells", "samsung,pmmu-*";
# plus every cpp/dtc error and a dt-validate crash (a fixture that does not
# compile or cannot be checked is never fine).
#
# Environment: KTREE (prepared kernel tree, default build/linux), DTCHECK_OUT
# (output directory, default build/dtcheck), DTCHECK_ABI=0 to skip the ABI
# set, DTCHECK_JOBS (parallel fixture jobs, default nproc), V=1 to print
# every diagnostic.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
self=$top/tests/scripts/dtcheck.sh
ktree=${KTREE:-$top/build/linux}
out=${DTCHECK_OUT:-$top/build/dtcheck}
dts_dir=$top/tests/dts
jobs=${DTCHECK_JOBS:-$(nproc)}
bindings_rel=Documentation/devicetree/bindings
OURS_RE='iommu@|sysmmu|iommus|#iommu-cells|samsung,pmmu-|^(cpp|dtc|tool)-error:'

# In-tree boards whose System MMU nodes must keep validating unchanged:
# every arm64 Exynos/gs101 board, one arm board per SoC .dtsi with
# "samsung,exynos-sysmmu" nodes.
abi_dts="
arm64/exynos/*.dts
arm64/exynos/google/*.dts
arm/samsung/exynos3250-rinato.dts
arm/samsung/exynos4210-origen.dts
arm/samsung/exynos4412-odroidu3.dts
arm/samsung/exynos5250-arndale.dts
arm/samsung/exynos5420-peach-pit.dts
arm/samsung/exynos5800-peach-pi.dts
"

# Fold indented continuation lines into the diagnostic they belong to.
fold() { awk '/^[ \t]/ && NR > 1 { line = line " |" $0; next }
	      { if (NR > 1) print line; line = $0 } END { if (NR) print line }'; }

# ---------------------------------------------------------------------------
# One fixture: compile and validate, write <name>.log, <name>.result.
# Result line: "<kind> <name> PASS|FAIL <ours> <other> <reason>"
one_fixture() {
	local kind=$1 src=$2 name dir pp dtb log raw ours other reason status rc
	local -a expects
	name=$kind/$(basename "${src%.dts}")
	dir=$out/fixtures/$kind
	mkdir -p "$dir"
	pp=$dir/$(basename "${src%.dts}").pp.dts
	dtb=$dir/$(basename "${src%.dts}").dtb
	log=$dir/$(basename "${src%.dts}").log
	raw=$log.raw
	: > "$raw"
	rm -f "$dtb"

	# As the kernel does (scripts/Makefile.dtbs), minus its -Wno-* list: the
	# checks it silences by default (unit_address_vs_reg,
	# unique_unit_address, ...) are exactly the ones a System MMU group can
	# trip over.
	if ! cpp -nostdinc -I "$ktree/scripts/dtc/include-prefixes" \
		-I "$(dirname "$src")" -undef -D__DTS__ -x assembler-with-cpp \
		-o "$pp" "$src" 2> "$raw.cpp"; then
		sed 's/^/cpp-error: /' "$raw.cpp" >> "$raw"
	elif ! "$out/scripts/dtc/dtc" -I dts -O dtb -b 0 -@ \
		-i "$(dirname "$src")" -i "$ktree/scripts/dtc/include-prefixes" \
		-Wunique_unit_address -o "$dtb" "$pp" 2> "$raw.dtc"; then
		# dtc prints warnings and errors; mark errors so they always count.
		sed -E 's/^(.*(ERROR|Error|FATAL).*)$/dtc-error: \1/' "$raw.dtc" >> "$raw"
		rm -f "$dtb"
	else
		cat "$raw.cpp" "$raw.dtc" >> "$raw"
	fi
	if [ -f "$dtb" ]; then
		# The question for an unchanged in-tree board is whether the
		# project's schemas still accept it: apply only those (the
		# whole set costs a minute more and reports nothing of ours).
		if [ "$kind" = abi ]; then
			dt-validate -p "$schema" -l "$limit" "$dtb" >> "$raw" 2>&1
		else
			dt-validate -m -p "$schema" "$dtb" >> "$raw" 2>&1
		fi
		# Exit status 0 even with schema errors; non-zero = it broke.
		rc=$?
		[ $rc -ne 0 ] && echo "tool-error: dt-validate exited with $rc" >> "$raw"
	fi
	fold < "$raw" | sed "s|$out/fixtures/$kind/||g" > "$log"
	rm -f "$raw" "$raw.cpp" "$raw.dtc"

	ours=$(grep -cE "$OURS_RE" "$log")
	other=$(grep -cvE "$OURS_RE" "$log")
	status=PASS
	reason=-
	case $kind in
	good|abi)
		if [ "$ours" -gt 0 ]; then
			status=FAIL
			reason="$ours diagnostic(s) about System MMU nodes"
		fi
		;;
	bad)
		mapfile -t expects < <(sed -nE 's|^.*/\* expect: (.*) \*/.*$|\1|p' "$src")
		if [ ${#expects[@]} -eq 0 ]; then
			status=FAIL
			reason="no /* expect: <regex> */ line"
		elif [ "$ours" -eq 0 ]; then
			status=FAIL
			reason="accepted (no diagnostic about System MMU nodes)"
		else
			local e l matched
			for e in "${expects[@]}"; do
				if ! grep -qE -- "$e" "$log"; then
					status=FAIL
					reason="expected diagnostic missing: $e"
					break
				fi
			done
			if [ $status = PASS ]; then
				while IFS= read -r l; do
					matched=0
					for e in "${expects[@]}"; do
						grep -qE -- "$e" <<< "$l" && { matched=1; break; }
					done
					if [ $matched = 0 ]; then
						status=FAIL
						reason="rejected for another reason too: ${l:0:160}"
						break
					fi
				done < <(grep -E "$OURS_RE" "$log")
			fi
		fi
		;;
	esac
	echo "$kind $name $status $ours $other $reason" > "$log.result"
}

export PATH=${DTSCHEMA_DIR:-$top/build/dtschema}/bin:$PATH

# Internal: one fixture (run in parallel by xargs below).
if [ "${1:-}" = --one ]; then
	schema=$2
	limit=$3
	one_fixture "$4" "$5"
	exit 0
fi

# ---------------------------------------------------------------------------
bash "$top/tests/scripts/dtschema-root.sh" || exit 1
[ -d "$ktree/.git" ] || { echo "dtcheck: no kernel tree at $ktree (run tests/scripts/tree.sh)" >&2; exit 1; }
mkdir -p "$out"
t0=$(date +%s)

# The project's bindings: its own files, plus those its patches change.
mapfile -t bindings < <(
	{ cd "$top" && find $bindings_rel -name '*.yaml' 2>/dev/null
	  for p in "$top"/tests/tree/patches/*.patch; do
		[ -e "$p" ] && git apply --numstat "$p" | cut -f3
	  done | grep "^$bindings_rel/.*\.yaml$"; } | sort -u)
for b in "${bindings[@]}"; do
	if [ -f "$top/$b" ] && ! cmp -s "$top/$b" "$ktree/$b"; then
		echo "dtcheck: $ktree/$b is not the project's version; run tests/scripts/tree.sh" >&2
		exit 1
	fi
done

pass=0
fail=0
unrelated=0
summary=()
record() {	# record <PASS|FAIL> <what> <detail>
	if [ "$1" = PASS ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	summary+=("$(printf '%-4s %-52s %s' "$1" "$2" "$3")")
}

# The binding checks run their own Python tools too (7.3's dt-check-style
# needs ruamel.yaml): the dt-schema root's interpreter has what they import.
kmake() {
	make -s -C "$ktree" O="$out" ARCH=arm64 \
		PYTHON3="${DTSCHEMA_DIR:-$top/build/dtschema}/bin/.python" "$@"
}

# 1a. The processed schema (and the kernel's dtc). dt-mk-schema reports
# problems (e.g. a property defined with two types) only when it runs, so
# keep its report. "dt_binding_schemas" alone wants a .config; a
# dt_binding_check that matches no binding builds the same without one.
schema=$out/$bindings_rel/processed-schema.json
before=$(stat -c %Y "$schema" 2>/dev/null || echo 0)
kmake dt_binding_check DT_SCHEMA_FILES=dtcheck-no-binding > "$out/schemas.log.new" 2>&1
rc=$?
if [ $rc -ne 0 ] || [ ! -s "$schema" ]; then
	cat "$out/schemas.log.new" >&2
	echo "dtcheck: building the processed schema failed" >&2
	exit 1
fi
if [ "$(stat -c %Y "$schema")" != "$before" ] || [ ! -f "$out/schemas.log" ]; then
	mv "$out/schemas.log.new" "$out/schemas.log"
else
	rm -f "$out/schemas.log.new"
fi

# 1b. dt_binding_check, one binding at a time, forcing every check to run
# again (the kernel's stamps would otherwise skip yamllint, dt-doc-validate
# and example checks whose earlier warnings are long gone).
bdir=$out/$bindings_rel
for b in "${bindings[@]}"; do
	rel=${b#"$bindings_rel"/}
	stem=$(basename "${b%.yaml}")
	log=$out/binding-$stem.log
	rm -f "$bdir/.dt-binding.checked" "$bdir/.yamllint.checked" \
	      "$bdir/${rel%.yaml}.example.dts" "$bdir/${rel%.yaml}.example.dtb"
	kmake dt_binding_check DT_SCHEMA_FILES="$rel" > "$log.raw" 2>&1
	rc=$?
	{
		grep -F "$stem.yaml" "$out/schemas.log" || true
		fold < "$log.raw"
		[ $rc -ne 0 ] && echo "make: exit status $rc"
		if [ -f "$bdir/${rel%.yaml}.example.dtb" ]; then
			dt-validate -m -p "$schema" "$bdir/${rel%.yaml}.example.dtb" 2>&1 | fold
		else
			echo "$stem: example not built"
		fi
	} > "$log"
	rm -f "$log.raw"
	# Ours: anything naming this binding or its example, any error line
	# ("Error", "ERROR", "FATAL", make's "***", a Python traceback).
	bind_re="$stem\\.(yaml|example)|(^|[^a-z-])(Error|ERROR|error:)|FATAL|\\*\\*\\*|Traceback|exit status|not built"
	n=$(grep -cE "$bind_re" "$log")
	if [ "$n" -eq 0 ]; then
		record PASS "binding $rel" "0 warnings"
	else
		record FAIL "binding $rel" "$n warning(s)/error(s), see ${log#"$top"/}"
		grep -E "$bind_re" "$log" | sed 's/^/    /' | cut -c1-300 | head -20
	fi
done

t1=$(date +%s)

# 2, 3. Fixtures and the ABI set, in parallel.
rm -rf "$out/fixtures"
list=$out/fixtures.list
mkdir -p "$out/fixtures"
{
	for f in "$dts_dir"/good/*.dts; do [ -e "$f" ] && echo "good $f"; done
	for f in "$dts_dir"/bad/*.dts; do [ -e "$f" ] && echo "bad $f"; done
	if [ "${DTCHECK_ABI:-1}" != 0 ]; then
		for pat in $abi_dts; do
			for f in "$ktree"/scripts/dtc/include-prefixes/$pat; do
				[ -e "$f" ] && echo "abi $f"
			done
		done
	fi
} > "$list"
# dt-validate -l: the $id substrings of the project's bindings.
limit=$(printf '%s\n' "${bindings[@]}" | sed "s|^$bindings_rel/||" | paste -sd:)
xargs -a "$list" -P "$jobs" -L 1 bash "$self" --one "$schema" "$limit"

while read -r kind src; do
	res=$out/fixtures/$kind/$(basename "${src%.dts}").log.result
	log=${res%.result}
	if [ ! -f "$res" ]; then
		record FAIL "$kind/$(basename "$src")" "no result"
		continue
	fi
	read -r _ name status ours other reason < "$res"
	unrelated=$((unrelated + other))
	case $kind in
	bad)	detail=$([ "$status" = PASS ] && echo "rejected as expected ($ours diagnostic(s))" || echo "$reason") ;;
	*)	detail=$([ "$status" = PASS ] && echo "0 about System MMU nodes, $other unrelated" || echo "$reason") ;;
	esac
	record "$status" "$name" "$detail"
	if [ "${V:-0}" = 1 ]; then
		sed 's/^/    /' "$log"
	elif [ "$status" = FAIL ]; then
		grep -E "$OURS_RE" "$log" | sed 's/^/    /' | cut -c1-300 | head -20
	fi
done < "$list"

echo
echo "dtcheck summary (logs in ${out#"$top"/}):"
printf '  %s\n' "${summary[@]}"
echo "  unrelated diagnostics (kernel DTS noise, undocumented masters): $unrelated"
echo "  time: $(( $(date +%s) - t0 )) s (bindings $((t1 - t0)) s, fixtures $(( $(date +%s) - t1 )) s)"
echo "dtcheck: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
