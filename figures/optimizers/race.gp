# race.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot race.gp                  writes race.png and race.svg
#   gnuplot -c race.gp terminal      draws it in the terminal
#   gnuplot -c race.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'race.png'
svg_file = (ARGC > 2) ? ARG3 : 'race.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 800,560 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 800,560 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 100,30 noenhanced; set output }
  set multiplot layout 1,1
  # — panel 'The race: each optimizer at seven learning rates (200 iterations; diverged: marked at the top)' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'The race: each optimizer at seven learning rates (200 iterations; diverged: marked at the top)'; set xlabel 'learning rate η'; set ylabel 'mean loss, last 50 iterations'
  set xrange [0.0006666666667:1.5]; set yrange [0:2.5]
  set format x '% h'
  set format y '% h'
  set logscale x; set format x '%g'
  set key default; set key top left opaque
  plot 'race.dat' using 1:2 with linespoints lw 1.5 pi 1 ps 1 title 'SGD', \
       'race.dat' using 1:3 with linespoints lw 1.5 pi 1 ps 1 title 'Momentum', \
       'race.dat' using 1:4 with linespoints lw 1.5 pi 1 ps 1 title 'Nesterov', \
       'race.dat' using 1:5 with linespoints lw 1.5 pi 1 ps 1 title 'AdaGrad', \
       'race.dat' using 1:6 with linespoints lw 1.5 pi 1 ps 1 title 'RMSprop', \
       'race.dat' using 1:7 with linespoints lw 1.5 pi 1 ps 1 title 'Adam', \
       'race-diverged.dat' using 1:(2.4 - 0.06 * $2) with points pt 7 ps 0.6 lc rgb 'black' title 'diverged (loss not finite): 2'
  unset multiplot
  set output
}
