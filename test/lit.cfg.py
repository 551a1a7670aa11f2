# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "AIECONV"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["Inputs", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.aieconv_obj_root, "test")

config.substitutions.append(("%aieconv_src", config.aieconv_src_root))
llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()

tool_dirs = [config.aieconv_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["aieconv-opt", "aieconv", "aieconv-sim", "not", "count"], tool_dirs)
