import FuzzSupport

/// libFuzzer's driver, or a corpus replay (see `FuzzMain`).
@main
enum Entry {
    static func main() { FuzzMain.run(FuzzONNX.self) }
}
