# A host with three VMs whose network settings go wrong in four ways:
# "db" was copied from "web" and kept its MAC, "ci" writes a MAC with
# dashes and asks cloud-hypervisor for user networking, which it does not
# have, and "web" changes its MAC again inside the guest.
{ lib, ... }:
{
  microvm.vms = {
    web.config = {
      microvm.interfaces = [
        { type = "tap"; id = "vm-web"; mac = "02:00:00:00:01:01"; }
      ];
      networking.interfaces.eth0.macAddress = "02:00:00:00:01:99";
    };
    db.config = {
      microvm.interfaces = [
        { type = "tap"; id = "vm-db"; mac = "02:00:00:00:01:01"; }
      ];
    };
    ci.config = {
      microvm.hypervisor = "cloud-hypervisor";
      microvm.interfaces = [
        { type = "tap"; id = "vm-ci"; mac = "02-00-00-00-01-03"; }
        { type = "user"; id = "ci-nat"; mac = "02:00:00:00:01:04"; }
      ];
    };
  };
}
