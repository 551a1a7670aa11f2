//===- Diagnostics.h - MLIR diagnostics as one-line errors ------*- C++ -*-===//
//
// The driver promises a one-line reason for every rejected input. MLIR
// reports problems through diagnostics (with notes, source excerpts and
// carets); this handler keeps the first error of a scope as a single line
// "file:line:col: message" so callers can return it as an llvm::Error.
//
//===----------------------------------------------------------------------===//

#ifndef AIECONV_HOST_DIAGNOSTICS_H
#define AIECONV_HOST_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace aieconv::host {

/// Captures the diagnostics emitted in `context` while alive: the first error
/// is kept as the reason of a failure; warnings and remarks are kept apart
/// (one line each), so the driver can report them without mixing them into
/// its output.
class FirstErrorCollector {
public:
  explicit FirstErrorCollector(mlir::MLIRContext &context);

  /// True once an error was emitted.
  bool hasError() const { return !firstError.empty(); }
  /// The first error as one line, or "" when there was none.
  const std::string &message() const { return firstError; }
  /// Warnings and remarks, one line each, in emission order.
  const std::vector<std::string> &remarks() const { return otherDiagnostics; }
  /// An llvm::Error "<what>: <first error>" (or just `what` when no
  /// diagnostic said more).
  llvm::Error takeError(const llvm::Twine &what) const;

private:
  std::string firstError;
  std::vector<std::string> otherDiagnostics;
  mlir::ScopedDiagnosticHandler handler;
};

/// An llvm::Error carrying a one-line message (the form every failure of the
/// host backend and the driver takes).
llvm::Error makeError(const llvm::Twine &message);

/// Flattens a diagnostic (and its notes) into one line, prefixed with its
/// location when it has one.
std::string oneLine(mlir::Diagnostic &diag);

} // namespace aieconv::host

#endif // AIECONV_HOST_DIAGNOSTICS_H
