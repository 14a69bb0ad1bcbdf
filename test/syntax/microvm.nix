# A flake with two MicroVM.nix guests on macvtap interfaces.
{
  description = "MicroVMs on macvtap";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
    microvm.url = "github:microvm-nix/microvm.nix";
    microvm.inputs.nixpkgs.follows = "nixpkgs";
  };

  outputs = { self, nixpkgs, microvm, ... }:
    let
      system = "x86_64-linux";
      lib = nixpkgs.lib;
      vms = [
        { name = "web"; index = 1; }
        { name = "db"; index = 2; }
      ];
      mkGuest = { name, index }: {
        microvm = {
          hypervisor = "qemu";
          vcpu = 2;
          mem = 1024;
          interfaces = [
            {
              type = "macvtap";
              id = "vm-${name}";
              mac = "02:00:00:00:00:0${toString index}";
              macvtap.link = "enp3s0";
              macvtap.mode = "bridge";
            }
          ];
          shares = lib.mkIf (name == "db") [{
            proto = "virtiofs";
            tag = "ro-store";
            source = "/nix/store";
            mountPoint = "/nix/.ro-store";
          }];
        };
        networking.hostName = name;
        system.stateVersion = "24.11";
      };
    in
    {
      nixosConfigurations = builtins.listToAttrs (map (vm: {
        inherit (vm) name;
        value = lib.nixosSystem {
          inherit system;
          modules = [
            microvm.nixosModules.microvm
            (mkGuest vm)
            ./guests/${vm.name}.nix
          ];
        };
      }) vms);

      nixosModules.host = { config, ... }: {
        imports = [ microvm.nixosModules.host ];
        microvm.vms = lib.genAttrs (map (vm: vm.name) vms) (name: {
          flake = self;
          updateFlake = "git+file:///etc/nixos";
        });
        systemd.network.networks."10-lan" = lib.mkIf config.microvm.host.enable {
          matchConfig.Name = "enp3s0";
          networkConfig.MACVTAP = map (vm: "vm-${vm.name}") vms;
        };
      };
    };
}
