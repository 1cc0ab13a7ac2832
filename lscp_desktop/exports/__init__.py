"""Word, Excel, chart and calendar exports. Read from models; no Qt."""
