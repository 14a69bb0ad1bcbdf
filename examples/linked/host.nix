# A host whose VM "router" lives in a file of its own (./router.nix), pulled
# in by a literal import. MicroVM Lint's workspace index counts router.nix's
# interfaces as VM "router" of this host: the tap id "vm-router" below is
# taken twice on this host, and router.nix runs cloud-hypervisor.
{
  microvm.vms = {
    router.config = {
      imports = [ ./router.nix ];
      microvm.hypervisor = "cloud-hypervisor";
    };
    dns.config.microvm.interfaces = [
      { type = "tap"; id = "vm-router"; mac = "02:00:00:00:02:02"; }
    ];
  };
}
