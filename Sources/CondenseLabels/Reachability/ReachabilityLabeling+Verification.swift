extension ReachabilityLabeling {
    /// Compares ``reaches(_:_:)`` with Boolean DP from each source (a BFS), and counts how
    /// many queries the labels decided alone. O(sources · (V + E)) plus the queries.
    public func verify(pairs: PairSample) -> Verification {
        var search = PrunedSearchState(nodeCount: nodeCount + 2)
        var decidedByLabels = 0
        let result = PathVerification.verify(BooleanSemiring.self, graph: graph, pairs: pairs) { u, v in
            if query(u, v) != nil { decidedByLabels += 1 }
            return reaches(u, v, &search) ? 1 : 0
        }
        var verification = result
        verification.reference = "breadth-first search (Boolean DP)"
        verification.notes["label_only_fraction"] = pairs.count > 0 ? Double(decidedByLabels) / Double(pairs.count) : 0
        return verification
    }
}
