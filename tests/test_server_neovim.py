"""A real editor drives `lintnews server`: headless Neovim starts it with its built-in LSP
client (editors/neovim/lintnews.lua), opens the seed article, waits for the diagnostics and
writes them to a file; they must be the CLI's findings at the CLI's lines and columns."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO, run_cli

pytest.importorskip("pygls", reason="the language server needs the `server` extra (pygls)")
NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(NVIM is None, reason="Neovim (nvim) is not installed: apt-get install neovim")
SEED = next(REPO.glob("seeds/000_*.txt"))

SCRIPT = r"""
package.path = os.getenv("LINTNEWS_EDITORS") .. "/neovim/?.lua;" .. package.path
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("LINTNEWS_ARTICLE")))
local bufnr = vim.api.nvim_get_current_buf()
require("lintnews").start(bufnr, { os.getenv("LINTNEWS_PYTHON"), "-m", "lintnews", "server", "--stdio" })
vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                      code = code, message = d.message, source = d.source,
                      line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1],
                      end_line = vim.api.nvim_buf_get_lines(bufnr, d.end_lnum, d.end_lnum + 1, false)[1] })
end
local f = io.open(os.getenv("LINTNEWS_OUT"), "w")
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
"""


def code_points(line: str, byte_column: int) -> int:
    """Neovim's byte column as a column in code points (1-based), as the CLI counts."""
    return len(line.encode("utf-8")[:byte_column].decode("utf-8")) + 1


def test_neovim_shows_the_seed_articles_findings_where_the_cli_reports_them(tmp_path):
    script = tmp_path / "drive.lua"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = {**os.environ, "LINTNEWS_EDITORS": str(REPO / "editors"), "LINTNEWS_ARTICLE": str(SEED),
           "LINTNEWS_PYTHON": sys.executable, "LINTNEWS_OUT": str(out)}
    proc = subprocess.run([NVIM, "--headless", "--clean", "-c", f"luafile {script}"], cwd=REPO, env=env,
                          capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    assert out.exists(), proc.stderr.decode(errors="replace")
    shown = json.loads(out.read_text(encoding="utf-8"))
    expected = json.loads(run_cli("--format", "json", str(SEED)).stdout)
    assert len(expected) >= 10
    got = sorted((d["lnum"] + 1, code_points(d["line"], d["col"]), d["end_lnum"] + 1,
                  code_points(d["end_line"], d["end_col"]), d["code"], d["message"]) for d in shown)
    want = sorted((f["line"], f["column"], f["end_line"], f["end_column"], f["code"], f["message"]) for f in expected)
    assert got == want
    assert any(not d["line"][:d["col"]].isascii() for d in shown)   # (columns where bytes and code points differ)
    assert {d["source"] for d in shown} == {"lintnews"}
