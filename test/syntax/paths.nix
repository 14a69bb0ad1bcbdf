{ name, ... }:
{
  imports = [ ./hardware.nix ../common/default.nix ./${name}.nix ./hosts/${name}/vm.nix ];
  absolute = /etc/nixos/configuration.nix;
  home = ~/projects/vm;
  search = <nixpkgs>;
  searchSub = <nixpkgs/nixos/lib>;
  relative = foo/bar.nix;
  trailing = ./dir/;
  url = https://github.com/microvm-nix/microvm.nix/archive/main.tar.gz;
  git = git+ssh://git@example.org/repo.git?ref=main;
  ratio = 10 / 2;
  update = { } // { };
  quoted = "./not-a-path.nix";
  pkgsPath = import <nixpkgs> { };
  fetched = fetchTarball "https://example.org/x.tar.gz";
}
