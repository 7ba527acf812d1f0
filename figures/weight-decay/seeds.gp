# seeds.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot seeds.gp                  writes seeds.png and seeds.svg
#   gnuplot -c seeds.gp terminal      draws it in the terminal
#   gnuplot -c seeds.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'seeds.png'
svg_file = (ARGC > 2) ? ARG3 : 'seeds.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1200,500 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1200,500 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,30 noenhanced; set output }
  set multiplot layout 1,2 title 'Weight decay at 5 seeds: the same network and budget, other weights and batches'
  # — panel 'λ = 0: no weight decay' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'λ = 0: no weight decay'; set xlabel 'epochs'; set ylabel 'accuracy'
  set xrange [0:200]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom right opaque
  plot 'seeds.dat' using 1:2:4 with filledcurves fs transparent solid 0.25 noborder lc rgb '#1f77b4' title 'train: 5 seeds, lowest to highest', \
       'seeds.dat' using 1:3 with lines lw 1.5 lc rgb '#1f77b4' title 'train: median', \
       'seeds.dat' using 1:10:12 with filledcurves fs transparent solid 0.25 noborder lc rgb '#ff7f0e' title 'test: 5 seeds, lowest to highest', \
       'seeds.dat' using 1:11 with lines lw 1.5 lc rgb '#ff7f0e' title 'test: median'
  # — panel 'λ = 0.1: weight decay' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'λ = 0.1: weight decay'; set xlabel 'epochs'; set ylabel 'accuracy'
  set xrange [0:200]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom right opaque
  plot 'seeds.dat' using 1:18:20 with filledcurves fs transparent solid 0.25 noborder lc rgb '#1f77b4' title 'train: 5 seeds, lowest to highest', \
       'seeds.dat' using 1:19 with lines lw 1.5 lc rgb '#1f77b4' title 'train: median', \
       'seeds.dat' using 1:26:28 with filledcurves fs transparent solid 0.25 noborder lc rgb '#ff7f0e' title 'test: 5 seeds, lowest to highest', \
       'seeds.dat' using 1:27 with lines lw 1.5 lc rgb '#ff7f0e' title 'test: median'
  unset multiplot
  set output
}
