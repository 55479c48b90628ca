"""The cluster's secret vote on its leading units and the proposal it becomes
(DOMAIN §7.3, §7.4)."""
