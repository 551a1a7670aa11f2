//===- Diagnostics.cpp - MLIR diagnostics as one-line errors --------------===//

#include "aieconv/Host/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace aieconv::host {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string oneLine(Diagnostic &diag) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (auto fileLoc = dyn_cast<FileLineColLoc>(diag.getLocation()))
    os << fileLoc.getFilename().getValue() << ":" << fileLoc.getLine() << ":"
       << fileLoc.getColumn() << ": ";
  os << diag.str();
  for (Diagnostic &note : diag.getNotes())
    os << " (note: " << note.str() << ")";
  for (char &c : text)
    if (c == '\n' || c == '\r')
      c = ' ';
  return text;
}

FirstErrorCollector::FirstErrorCollector(MLIRContext &context)
    : handler(&context, [this](Diagnostic &diag) {
        if (diag.getSeverity() != DiagnosticSeverity::Error)
          otherDiagnostics.push_back(oneLine(diag));
        else if (firstError.empty())
          firstError = oneLine(diag);
        return success();
      }) {}

llvm::Error FirstErrorCollector::takeError(const llvm::Twine &what) const {
  std::string message = what.str();
  if (hasError())
    message += ": " + firstError;
  return makeError(message);
}

} // namespace aieconv::host
