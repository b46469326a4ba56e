public enum _PlaceholderCondenseRender {}
