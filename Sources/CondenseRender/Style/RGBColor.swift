import Foundation

/// An sRGB colour with 8-bit channels, written as Graphviz/SVG hex strings.
public struct RGBColor: Hashable, Sendable {
    /// Channels, 0...255.
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// A colour from its channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a 24-bit literal such as `0x2166AC`.
    public init(_ rgb: UInt32) {
        self.init(red: UInt8((rgb >> 16) & 0xFF), green: UInt8((rgb >> 8) & 0xFF), blue: UInt8(rgb & 0xFF))
    }

    /// `#rrggbb`.
    public var hex: String { "#" + [red, green, blue].map(Self.twoDigits).joined() }

    /// `#rrggbbaa` with `opacity` in [0, 1] (Graphviz turns the alpha byte into SVG opacity).
    public func hex(opacity: Double) -> String {
        let alpha = UInt8((min(max(opacity, 0), 1) * 255).rounded())
        return hex + Self.twoDigits(alpha)
    }

    /// Linear interpolation in sRGB between `a` (t = 0) and `b` (t = 1). O(1).
    public static func mix(_ a: RGBColor, _ b: RGBColor, _ t: Double) -> RGBColor {
        let t = min(max(t, 0), 1)
        func channel(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * t).rounded())
        }
        return RGBColor(red: channel(a.red, b.red), green: channel(a.green, b.green), blue: channel(a.blue, b.blue))
    }

    /// Relative luminance (WCAG 2), to pick black or white text on a fill. O(1).
    public var luminance: Double {
        func linear(_ c: UInt8) -> Double {
            let s = Double(c) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    private static let digits = Array("0123456789abcdef")
    private static func twoDigits(_ byte: UInt8) -> String {
        String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
