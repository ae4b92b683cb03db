"""Checks that PDFs Servicer issued are tagged for screen readers (ADR 0030), read with
pikepdf, independently of the Rust code that wrote them.

    python check_tagged_pdf.py [--roles H1,H2,Table,TR,TH,TD] FILE.pdf...

For each file: the catalog says it is tagged (/MarkInfo /Marked true), in which language
(/Lang) and shows its title (/ViewerPreferences /DisplayDocTitle, a non-empty /Title in the
document information and dc:title in the XMP metadata); the structure tree hangs from one
Document element, every element's /P is its parent, tables hold rows (TR) of cells (TH, TD)
and lists items (LI) of labels and bodies (Lbl, LBody); every page with marked content has its
/StructParents key, and its parent-tree entry names, for each MCID, the element that holds it;
the leaf elements' marked content covers every MCID of every page, once, and refers to none
that is not there; no text is drawn outside marked content (an element's or an /Artifact's);
and every role named with --roles is in the tree, each heading with text in it. Prints one
line per file; on any problem, prints each and exits 1.
"""

import argparse
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
HEADINGS = {"H", "H1", "H2", "H3", "H4", "H5", "H6"}
# What each grouping element may hold (ISO 32000-1, 14.8.4.3).
CHILDREN = {
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"},
    "THead": {"TR"},
    "TBody": {"TR"},
    "TFoot": {"TR"},
    "TR": {"TH", "TD"},
    "L": {"LI", "Caption", "L"},
    "LI": {"Lbl", "LBody"},
}
# Where each element may be.
PARENTS = {
    "TR": {"Table", "THead", "TBody", "TFoot"},
    "TH": {"TR"},
    "TD": {"TR"},
    "LI": {"L"},
    "Lbl": {"LI"},
    "LBody": {"LI"},
}


def role(element):
    return str(element.get("/S", ""))[1:]


def same(a, b):
    """The same indirect object."""
    return a is not None and b is not None and a.objgen == b.objgen and a.objgen != (0, 0)


def number_tree(node, out):
    """The entries of a number tree (its /Nums, and its /Kids' entries)."""
    nums = node.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums), 2):
            out[int(nums[i])] = nums[i + 1]
    for kid in node.get("/Kids", []):
        number_tree(kid, out)
    return out


class Check:
    def __init__(self, path):
        self.path = path
        self.problems = []
        self.roles = {}
        # (page objgen, MCID) -> the element holding it.
        self.owners = {}

    def problem(self, text):
        self.problems.append(f"{self.path}: {text}")

    def run(self, wanted):
        with pikepdf.open(self.path) as pdf:
            self.catalog(pdf)
            pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
            root = pdf.Root.get("/StructTreeRoot")
            if not isinstance(root, Dictionary):
                self.problem("no /StructTreeRoot in the catalog")
                return
            kids = root.get("/K")
            kids = list(kids) if isinstance(kids, Array) else [kids]
            if len(kids) != 1 or not isinstance(kids[0], Dictionary) or role(kids[0]) != "Document":
                self.problem("the structure tree's root does not hold exactly one Document element")
            for kid in kids:
                if isinstance(kid, Dictionary):
                    self.element(kid, root, None, pages)
            self.content(pdf, root, pages)
        for r in wanted:
            if r not in self.roles:
                self.problem(f"no {r} element in the structure tree")
        for h in HEADINGS & set(self.roles):
            if self.roles[h]["empty"]:
                self.problem(f"{self.roles[h]['empty']} {h} heading(s) without text")

    def catalog(self, pdf):
        mark = pdf.Root.get("/MarkInfo")
        if not isinstance(mark, Dictionary) or mark.get("/Marked") is not True:
            self.problem("the catalog's /MarkInfo does not say /Marked true")
        lang = str(pdf.Root.get("/Lang", ""))
        if not lang.strip():
            self.problem("the catalog has no /Lang")
        prefs = pdf.Root.get("/ViewerPreferences")
        if not isinstance(prefs, Dictionary) or prefs.get("/DisplayDocTitle") is not True:
            self.problem("the viewer is not told to show the title (/DisplayDocTitle true)")
        title = str(pdf.docinfo.get("/Title", "")) if pdf.trailer.get("/Info") is not None else ""
        if not title.strip():
            self.problem("the document information has no /Title")
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        if not str(meta.get("dc:title", "")).strip():
            self.problem("the XMP metadata has no dc:title")

    def element(self, element, parent, parent_role, pages, page=None):
        r = role(element)
        seen = self.roles.setdefault(r, {"count": 0, "empty": 0})
        seen["count"] += 1
        if str(element.get("/Type", "/StructElem")) != "/StructElem":
            self.problem(f"a {r} element is not of /Type /StructElem")
        if not same(element.get("/P"), parent):
            self.problem(f"a {r} element's /P is not its parent ({parent_role or 'the tree root'})")
        if r in PARENTS and parent_role not in PARENTS[r]:
            self.problem(f"a {r} element is in {parent_role}, not in {' or '.join(sorted(PARENTS[r]))}")
        page = element.get("/Pg", page)
        kids = element.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, Array):
            kids = [kids]
        texts = 0
        elements = 0
        for kid in kids:
            if isinstance(kid, int):
                self.marked(element, r, page, int(kid), pages)
                texts += 1
            elif isinstance(kid, Dictionary) and str(kid.get("/Type", "")) == "/MCR":
                self.marked(element, r, kid.get("/Pg", page), int(kid.MCID), pages)
                texts += 1
            elif isinstance(kid, Dictionary) and str(kid.get("/Type", "")) == "/OBJR":
                continue
            elif isinstance(kid, Dictionary):
                if r in CHILDREN and role(kid) not in CHILDREN[r]:
                    self.problem(f"a {r} element holds a {role(kid)} element")
                self.element(kid, element, r, pages, page)
                elements += 1
            else:
                self.problem(f"a {r} element has a child that is neither an element nor marked content: {kid!r}")
        if r in CHILDREN and texts:
            self.problem(f"a {r} element holds text directly (it holds {', '.join(sorted(CHILDREN[r]))} only)")
        if texts and elements:
            self.problem(f"a {r} element holds both text and elements (text belongs in leaf elements)")
        if r in HEADINGS and not texts:
            seen["empty"] += 1

    def marked(self, element, r, page, mcid, pages):
        if page is None or page.objgen not in pages:
            self.problem(f"a {r} element's MCID {mcid} names no page of the document")
            return
        key = (page.objgen, mcid)
        if key in self.owners:
            self.problem(f"MCID {mcid} of page {pages[page.objgen]} is held by two elements")
        self.owners[key] = element

    def content(self, pdf, root, pages):
        parent_tree = number_tree(root.get("/ParentTree", Dictionary()), {})
        covered = set()
        for n, page in enumerate(pdf.pages, 1):
            mcids = self.page_content(page, n)
            objgen = page.obj.objgen
            for mcid in mcids:
                if (objgen, mcid) not in self.owners:
                    self.problem(f"page {n}: MCID {mcid} is in no element of the structure tree")
                covered.add((objgen, mcid))
            if not mcids:
                continue
            key = page.obj.get("/StructParents")
            if key is None:
                self.problem(f"page {n} has marked content and no /StructParents")
                continue
            entry = parent_tree.get(int(key))
            if not isinstance(entry, Array):
                self.problem(f"page {n}: the parent tree has no array for its key {int(key)}")
                continue
            for mcid in mcids:
                owner = self.owners.get((objgen, mcid))
                if mcid >= len(entry) or owner is None or not same(entry[mcid], owner):
                    self.problem(f"page {n}: the parent tree does not name the element holding MCID {mcid}")
        for (objgen, mcid) in set(self.owners) - covered:
            self.problem(f"page {pages[objgen]}: the structure tree refers to MCID {mcid}, which is not on the page")

    def page_content(self, page, n):
        """The MCIDs of a page's content; a problem for text drawn outside marked content."""
        properties = page.obj.get("/Resources", Dictionary()).get("/Properties", Dictionary())
        stack = []
        mcids = []
        loose = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                if isinstance(props, Name):
                    props = properties.get(str(props))
                mcid = props.get("/MCID") if isinstance(props, Dictionary) else None
                if mcid is not None:
                    if int(mcid) in mcids:
                        self.problem(f"page {n}: MCID {int(mcid)} is used twice")
                    mcids.append(int(mcid))
                stack.append((tag, mcid is not None))
            elif op == "EMC":
                if not stack:
                    self.problem(f"page {n}: an EMC closes no marked content")
                else:
                    stack.pop()
            elif op in TEXT_OPERATORS:
                if not any(tag == "/Artifact" or has_mcid for tag, has_mcid in stack):
                    loose += 1
        if stack:
            self.problem(f"page {n}: {len(stack)} marked-content sequence(s) never closed")
        if loose:
            self.problem(f"page {n}: {loose} text-showing operator(s) outside marked content (neither tagged nor an artifact)")
        return mcids


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roles", default="H1,H2,P,Table,TR,TH,TD", help="roles the structure tree must have")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    wanted = [r for r in args.roles.split(",") if r]
    problems = []
    for path in args.files:
        check = Check(path)
        try:
            check.run(wanted)
        except Exception as e:  # a file pikepdf cannot read is a failure, said plainly
            check.problem(f"cannot be read: {e!r}")
        problems += check.problems
        counts = ", ".join(f"{r} {check.roles[r]['count']}" for r in sorted(check.roles))
        status = "ok" if not check.problems else f"{len(check.problems)} problem(s)"
        print(f"tagged-pdf: {path}: {status}; {len(check.owners)} pieces of marked content; {counts}")
    for p in problems:
        print(f"tagged-pdf: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
