public enum _PlaceholderCondenseLabels {}
