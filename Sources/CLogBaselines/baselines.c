int clog_baselines_placeholder(void) { return 0; }
