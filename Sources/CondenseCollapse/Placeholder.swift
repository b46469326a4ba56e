public enum _PlaceholderCondenseCollapse {}
