import Foundation

/// Numbers for titles and legends: thousands separators and short decimals, locale-free.
public enum Count {
    /// `266200` -> "266,200". O(digits).
    public static func format(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A short decimal with 3 significant digits ("0.0123", "4.56", "1.2e+03"). O(1).
    public static func decimal(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e4 || magnitude < 1e-3 { return String(format: "%.2g", x) }
        var text = String(format: "%.3g", x)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
